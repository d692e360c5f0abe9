import { normalisedEmail, normalisedMobile, normalisedPhone } from './contact-details';

describe('contact details: one rule in every service', () => {
  it('stores e-mail addresses trimmed and in lower case, and refuses what is not one', () => {
    expect(normalisedEmail(' Compta@Propre.BE ')).toBe('compta@propre.be');
    for (const bad of [
      'not-an-email',
      'a b@example.be',
      'x@localhost',
      `${'a'.repeat(250)}@example.be`,
      'x@-bad.be',
    ])
      expect(normalisedEmail(bad)).toBeNull();
  });

  it('reads phone numbers as typed in Belgium and stores them in E.164', () => {
    expect(normalisedPhone('02/547.54.93')).toBe('+3225475493');
    expect(normalisedPhone('0470 12 34 56')).toBe('+32470123456');
    expect(normalisedPhone('0033 1 42 68 53 00')).toBe('+33142685300');
    expect(normalisedPhone('+352 621 123 456')).toBe('+352621123456');
    for (const bad of ['+32 2 547 54 93 1234', '547 54 93', '02 547', '12', ''])
      expect(normalisedPhone(bad)).toBeNull();
  });

  it('accepts as a mobile only a number that is one', () => {
    expect(normalisedMobile('0470/12.34.56')).toBe('+32470123456');
    expect(normalisedMobile('+33 6 12 34 56 78')).toBe('+33612345678');
    expect(normalisedMobile('02 511 11 11')).toBeNull();
    expect(normalisedMobile('+33 1 42 68 53 00')).toBeNull();
  });
});

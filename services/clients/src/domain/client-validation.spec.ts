import { problemCodes } from '@fidu/service-kit/testing';
import { InputChecker } from './client-validation';

function problemsOf(fill: (c: InputChecker) => void): string[] {
  const checker = new InputChecker();
  fill(checker);
  return problemCodes(checker);
}

describe('InputChecker', () => {
  it('normalises valid values', () => {
    const c = new InputChecker();
    expect(c.phone('02 511 11 11')).toBe('+3225111111');
    expect(c.email(' Info@Dupont.BE ')).toBe('info@dupont.be');
    expect(c.enterpriseNumber('BE 0403.170.701')).toBe('0403170701');
    c.done();
  });

  it('refuses null for the fields a client cannot be without', () => {
    expect(
      problemsOf((c) => {
        c.companyName(null);
        c.clientCode(null);
        c.language(null);
      }),
    ).toEqual(['CLIENT_COMPANY_NAME_INVALID', 'CLIENT_CODE_INVALID', 'CLIENT_LANGUAGE_INVALID']);
    expect(problemsOf((c) => c.language(undefined))).toEqual([]);
  });

  it('collects every problem of an input at once', () => {
    expect(
      problemsOf((c) => {
        c.email('not-an-email');
        c.phone('12');
        c.clientCode('a/b');
        c.companyName('   ');
        c.address({ street: 'x', postalCode: '12', city: 'Gent', country: 'BE' });
      }),
    ).toEqual([
      'CLIENT_EMAIL_INVALID',
      'CLIENT_PHONE_INVALID',
      'CLIENT_CODE_INVALID',
      'CLIENT_COMPANY_NAME_INVALID',
      'CLIENT_ADDRESS_INVALID',
    ]);
  });

  it('accepts null to clear optional fields', () => {
    expect(
      problemsOf((c) => {
        c.email(null);
        c.phone(null);
        c.address(null);
      }),
    ).toEqual([]);
  });
});

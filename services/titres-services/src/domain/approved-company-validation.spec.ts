import { problemCodes } from '@fidu/service-kit/testing';
import { InputChecker } from './approved-company-validation';

function problemsOf(fill: (c: InputChecker) => void): string[] {
  const checker = new InputChecker();
  fill(checker);
  return problemCodes(checker);
}

describe('InputChecker', () => {
  it('normalises valid values', () => {
    const c = new InputChecker();
    expect(c.approvalNumber('012 345')).toBe('012345');
    expect(c.niss('85.07.30-033.28')).toBe('85073003328');
    expect(c.email(' Compta@Propre.BE ', 'email')).toBe('compta@propre.be');
    expect(c.name('  Marie   Dubois ', 'name', 'TS_CONTACT_NAME_INVALID', 200)).toBe('Marie Dubois');
    expect(c.phone('02/547.54.93', 'phone')).toBe('+3225475493');
    expect(c.phone('0470 12 34 56', 'phone')).toBe('+32470123456');
    expect(c.phone('0033 1 42 68 53 00', 'phone')).toBe('+33142685300');
    expect(c.phone('+352 621 123 456', 'phone')).toBe('+352621123456');
    c.done();
  });

  it('treats absent optional values as null', () => {
    const c = new InputChecker();
    expect(c.niss(undefined)).toBeNull();
    expect(c.niss(null)).toBeNull();
    expect(c.phone('  ', 'phone')).toBeNull();
    c.done();
  });

  it('collects every problem of an input at once, with its field', () => {
    const checker = new InputChecker();
    checker.approvalNumber('12');
    checker.email('not-an-email', 'financialContact.email');
    checker.phone('02 547', 'financialContact.phone');
    checker.name(' ', 'financialContact.name', 'TS_CONTACT_NAME_INVALID', 200);
    checker.niss('85073003329');
    expect(() => checker.done()).toThrow(
      expect.objectContaining({
        code: 'TS_APPROVAL_NUMBER_INVALID',
        details: {
          problems: [
            expect.objectContaining({ field: 'approvalNumber', code: 'TS_APPROVAL_NUMBER_INVALID' }),
            expect.objectContaining({ field: 'financialContact.email', code: 'TS_CONTACT_EMAIL_INVALID' }),
            expect.objectContaining({ field: 'financialContact.phone', code: 'TS_CONTACT_PHONE_INVALID' }),
            expect.objectContaining({ field: 'financialContact.name', code: 'TS_CONTACT_NAME_INVALID' }),
            expect.objectContaining({ field: 'niss', code: 'TS_NISS_CHECKSUM_INVALID' }),
          ],
        },
      }),
    );
  });

  it('refuses Belgian numbers of the wrong length and numbers without a country code', () => {
    expect(problemsOf((c) => c.phone('+32 2 547 54 93 1234', 'phone'))).toEqual(['TS_CONTACT_PHONE_INVALID']);
    expect(problemsOf((c) => c.phone('547 54 93', 'phone'))).toEqual(['TS_CONTACT_PHONE_INVALID']);
  });

  it('limits name lengths', () => {
    expect(problemsOf((c) => c.name('x'.repeat(101), 'lastName', 'TS_WORKER_NAME_INVALID', 100))).toEqual([
      'TS_WORKER_NAME_INVALID',
    ]);
  });
});

import { belgianIban, formatIban, ibanProblem, isBic, isValidIban, normalizeIban } from './iban';

describe('IBAN: one rule (SEPA scheme countries, ISO 13616, national check digits)', () => {
  it.each([
    'BE68539007547034',
    'BE68 5390 0754 7034',
    'be71-0961-2345-6769',
    'NL91ABNA0417164300',
    'FR1420041010050500013M02606',
    'DE89370400440532013000',
    'GB29NWBK60161331926819',
    'CH9300762011623852957',
    'MC5811222000010123456789030',
  ])('accepts %s', (iban) => {
    expect(isValidIban(iban)).toBe(true);
  });

  it.each([
    ['', 'expected two letters'],
    ['BE68539007547035', 'check digits'],
    ['BE00539007547034', 'wrong check digits'],
    ['BE6853900754703', 'wrong length for a BE IBAN'],
    ['BE685390075470341', 'wrong length'],
    ['BE6853900754703A', 'wrong account number format'],
    ['XX68539007547034', 'not a SEPA country'],
    // A well-formed IBAN of a country outside the SEPA scheme is refused the same way everywhere.
    ['US64SVBKUS6S3300958879', 'not a SEPA country'],
    ['TR330006100519786457841326', 'not a SEPA country'],
  ])('refuses %j (%s)', (iban, why) => {
    expect(isValidIban(iban)).toBe(false);
    expect(ibanProblem(iban)).toContain(why);
  });

  it('normalizes and formats', () => {
    expect(normalizeIban(' be68 5390-0754 7034 ')).toBe('BE68539007547034');
    expect(formatIban('BE68539007547034')).toBe('BE68 5390 0754 7034');
  });

  it('makes the Belgian IBAN of an account number, national check digits 97 when the number divides', () => {
    expect(belgianIban(5_390_075_470)).toBe('BE68539007547034');
    expect(belgianIban(961_234_567)).toBe('BE71096123456769');
    expect(belgianIban(97_000_000).slice(4)).toBe('009700000097');
    for (const account of [0, 1, 97, 97_000_000, 9_999_999_999])
      expect(ibanProblem(belgianIban(account))).toBeNull();
  });
});

describe('isBic (ISO 9362)', () => {
  it.each(['GEBABEBB', 'KREDBEBB', 'ARSPBE22', 'BPOTBEB1', 'GEBABEBB36A'])('accepts %s', (bic) => {
    expect(isBic(bic)).toBe(true);
  });

  it.each(['', 'GEBABEB', 'gebabebb', 'GEBA BEBB', 'GEBABEBB3', '1EBABEBB', 'GEBA1EBB', 'GEBAXXBB'])(
    'refuses %j',
    (bic) => {
      expect(isBic(bic)).toBe(false);
    },
  );
});

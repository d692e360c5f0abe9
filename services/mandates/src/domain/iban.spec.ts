import { isValidIban, normalizeIban, requireIban } from './iban';

describe('IBAN (ISO 13616 mod-97)', () => {
  it.each([
    'BE68539007547034',
    'BE68 5390 0754 7034',
    'be71096123456769',
    'NL91ABNA0417164300',
    'FR1420041010050500013M02606',
  ])('accepts %s', (iban) => {
    expect(isValidIban(iban)).toBe(true);
  });

  it.each([
    '',
    'BE68539007547035',
    'BE6853900754703',
    'BE685390075470341',
    'XX68539007547034',
    'BE68-5390-0754-703X',
  ])('refuses %j', (iban) => {
    expect(isValidIban(iban)).toBe(false);
  });

  it('normalizes and raises a typed error', () => {
    expect(normalizeIban(' be68 5390 0754 7034 ')).toBe('BE68539007547034');
    expect(() => requireIban('BE00539007547034', 'ibans.0')).toThrow(
      expect.objectContaining({ code: 'CODA_IBAN_INVALID', field: 'ibans.0' }),
    );
  });
});

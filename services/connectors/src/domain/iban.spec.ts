import { isValidIban, normalizeIban } from './iban';

describe('IBAN', () => {
  it('normalizes spaces and case', () => {
    expect(normalizeIban('be68 5390 0754 7034')).toBe('BE68539007547034');
  });

  it.each(['BE68539007547034', 'FR1420041010050500013M02606', 'NL91ABNA0417164300'])('accepts %s', (iban) => {
    expect(isValidIban(iban)).toBe(true);
  });

  it.each(['BE68539007547035', 'BE6853900754703', 'XX', 'BE68-5390-0754-7034', ''])('refuses %p', (iban) => {
    expect(isValidIban(iban)).toBe(false);
  });
});

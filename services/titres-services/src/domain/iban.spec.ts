import { formatIban, parseIban } from './iban';

describe('parseIban', () => {
  it.each([
    ['BE68 5390 0754 7034', 'BE68539007547034'],
    ['be71-0961-2345-6769', 'BE71096123456769'],
    ['NL91ABNA0417164300', 'NL91ABNA0417164300'],
    ['FR14 2004 1010 0505 0001 3M02 606', 'FR1420041010050500013M02606'],
  ])('accepts %s', (input, expected) => {
    expect(parseIban(input)).toBe(expected);
  });

  it.each([
    'BE68 5390 0754 7035',
    'BE68539007547',
    'XX68539007547034',
    'BE6853900754703A',
    '',
    'US64SVBKUS6S3300958879',
  ])('refuses "%s"', (input) => {
    expect(() => parseIban(input)).toThrow(
      expect.objectContaining({ code: 'TS_IBAN_INVALID', field: 'iban' }),
    );
  });

  it('formats in groups of four', () => {
    expect(formatIban('BE68539007547034')).toBe('BE68 5390 0754 7034');
  });
});

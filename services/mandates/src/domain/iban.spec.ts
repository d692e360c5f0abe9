import { requireIban } from './iban';

describe('requireIban', () => {
  it('normalizes an IBAN the kit accepts', () => {
    expect(requireIban(' be68 5390 0754 7034 ', 'ibans.0')).toBe('BE68539007547034');
  });

  it.each(['BE00539007547034', 'US64SVBKUS6S3300958879'])('raises CODA_IBAN_INVALID on %s', (iban) => {
    expect(() => requireIban(iban, 'ibans.0')).toThrow(
      expect.objectContaining({ code: 'CODA_IBAN_INVALID', field: 'ibans.0' }),
    );
  });
});

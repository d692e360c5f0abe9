import { formatEnterpriseNumber, parseEnterpriseNumber } from './enterprise-number';

describe('parseEnterpriseNumber', () => {
  it.each([
    ['0403.170.701', '0403170701'],
    ['BE 0403 170 701', '0403170701'],
    ['403170701', '0403170701'],
    ['0202.239.951', '0202239951'],
  ])('accepts %s', (input, expected) => {
    expect(parseEnterpriseNumber(input)).toBe(expected);
  });

  it('refuses a wrong check digit with its own code', () => {
    expect(() => parseEnterpriseNumber('0403.170.702')).toThrow(
      expect.objectContaining({ code: 'CLIENT_ENTERPRISE_NUMBER_CHECKSUM_INVALID' }),
    );
  });

  it.each(['12345', '2403170701', 'ABCDEFGHIJ', '04031707011'])('refuses the malformed %s', (input) => {
    expect(() => parseEnterpriseNumber(input)).toThrow(
      expect.objectContaining({ code: 'CLIENT_ENTERPRISE_NUMBER_FORMAT_INVALID' }),
    );
  });

  it('formats with dots', () => {
    expect(formatEnterpriseNumber('0403170701')).toBe('0403.170.701');
  });
});

import { formatEnterpriseNumber } from './enterprise-number';

describe('formatEnterpriseNumber', () => {
  it('prints the 10 digits with dots', () => {
    expect(formatEnterpriseNumber('0403170701')).toBe('0403.170.701');
  });

  it('leaves anything that is not 10 digits as received', () => {
    expect(formatEnterpriseNumber('0403.170.701')).toBe('0403.170.701');
  });
});

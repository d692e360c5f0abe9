import { readConfig } from './config';

const BASE = { DATABASE_URL: 'postgres://localhost/ts', KAFKA_BROKERS: '127.0.0.1:9092' };

describe('readConfig', () => {
  it('defaults the automatic validation period to 5 business days and accepts 1..5', () => {
    expect(readConfig(BASE).autoValidationBusinessDays).toBe(5);
    expect(readConfig({ ...BASE, TS_AUTO_VALIDATION_BUSINESS_DAYS: '1' }).autoValidationBusinessDays).toBe(1);
  });

  it.each(['0', '6', '2.5', 'x'])('fails fast on %s', (value) => {
    expect(() => readConfig({ ...BASE, TS_AUTO_VALIDATION_BUSINESS_DAYS: value })).toThrow(/1 to 5/);
  });
});

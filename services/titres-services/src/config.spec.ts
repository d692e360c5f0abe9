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

describe('TITRES_SERVICES_PUBLIC_URL', () => {
  it('defaults to the gateway file proxy and drops trailing slashes', () => {
    expect(readConfig(BASE).publicUrl).toBe('http://127.0.0.1:4000/files/titres-services');
    expect(
      readConfig({ ...BASE, TITRES_SERVICES_PUBLIC_URL: 'https://api.example.be/files/ts/' }).publicUrl,
    ).toBe('https://api.example.be/files/ts');
  });

  it('fails fast, naming the variable, on something that is not a URL', () => {
    expect(() => readConfig({ ...BASE, TITRES_SERVICES_PUBLIC_URL: 'ftp:/x' })).toThrow(
      /TITRES_SERVICES_PUBLIC_URL must be a URL/,
    );
  });
});

import { readConfig } from './config';

const BASE = { DATABASE_URL: 'postgres://localhost/connectors', KAFKA_BROKERS: '127.0.0.1:9092' };

describe('readConfig', () => {
  it('links downloads through the gateway file proxy by default and drops trailing slashes', () => {
    expect(readConfig(BASE).publicUrl).toBe('http://127.0.0.1:4000/files/connectors');
    expect(
      readConfig({ ...BASE, CONNECTORS_PUBLIC_URL: 'https://api.example.be/files/connectors/' }).publicUrl,
    ).toBe('https://api.example.be/files/connectors');
    expect(readConfig(BASE).port).toBe(4003);
  });

  it('fails fast, naming the variable, on a value it cannot use', () => {
    expect(() => readConfig({ ...BASE, CONNECTORS_PUBLIC_URL: 'ftp:/x' })).toThrow(/CONNECTORS_PUBLIC_URL/);
    expect(() => readConfig({ ...BASE, PORT: 'abc' })).toThrow(/PORT/);
  });
});

import { isTransientFailure } from './transient-failure';

const pgError = (code: string, message = 'pg error') => Object.assign(new Error(message), { code });

describe('isTransientFailure', () => {
  it.each([
    ['08006 connection failure', pgError('08006')],
    ['57P01 terminated backend', pgError('57P01', 'terminating connection due to administrator command')],
    ['57P03 cannot connect now', pgError('57P03')],
    ['53300 too many connections', pgError('53300')],
    ['40001 serialization failure', pgError('40001')],
    ['40P01 deadlock', pgError('40P01')],
    [
      'ECONNREFUSED',
      Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' }),
    ],
    ['pg "Connection terminated unexpectedly"', new Error('Connection terminated unexpectedly')],
    ['pool connect timeout', new Error('timeout exceeded when trying to connect')],
    [
      'TypeORM wrapping a pg error',
      Object.assign(new Error('query failed'), { driverError: pgError('57P01') }),
    ],
    ['a cause chain', new Error('outer', { cause: pgError('08003') })],
    ['a Kafka publish failure', Object.assign(new Error('broker down'), { name: 'KafkaJSConnectionError' })],
  ])('%s is transient', (_what, error) => {
    expect(isTransientFailure(error)).toBe(true);
  });

  it.each([
    ['22P02 invalid text representation (a bad id in the message)', pgError('22P02')],
    ['23502 not-null violation', pgError('23502')],
    ['P0001 raised by a trigger', pgError('P0001')],
    [
      'a decode error',
      Object.assign(new Error('the value is not an EventEnvelope'), { name: 'MalformedEventError' }),
    ],
    ['a handler bug', new TypeError("Cannot read properties of undefined (reading 'x')")],
    [
      'a non-retriable Kafka error',
      Object.assign(new Error('too large'), { name: 'KafkaJSProtocolError', retriable: false }),
    ],
    ['not an error at all', 'boom'],
  ])('%s is not transient', (_what, error) => {
    expect(isTransientFailure(error)).toBe(false);
  });
});

import { GraphQLError } from 'graphql';
import { QueryFailedError, QueryRunnerAlreadyReleasedError } from 'typeorm';
import { DomainError } from '../errors';
import { formatSubgraphError } from './graphql-errors';

const formatted = { message: 'raw', path: ['clients'], extensions: { code: 'INTERNAL_SERVER_ERROR' } };
const asResolverError = (original: Error) =>
  new GraphQLError(original.message, { originalError: original, path: ['clients'] });

describe('formatSubgraphError', () => {
  it('answers a terminated connection or a failover as DATABASE_UNAVAILABLE, retryable, not as a bug', () => {
    const terminated = new QueryFailedError(
      'SELECT 1',
      [],
      Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' }),
    );
    const unexpected = jest.fn();
    for (const failure of [
      terminated,
      new Error('Connection terminated unexpectedly'),
      new QueryRunnerAlreadyReleasedError(),
      Object.assign(new Error('the database system is in recovery mode'), { code: '57P03' }),
    ]) {
      expect(formatSubgraphError(formatted, asResolverError(failure), unexpected)).toEqual({
        message: 'The database is briefly unavailable; try again.',
        path: ['clients'],
        extensions: { code: 'DATABASE_UNAVAILABLE', retryable: true },
      });
    }
    expect(unexpected).not.toHaveBeenCalled();
  });

  it('still masks a real bug as INTERNAL_SERVER_ERROR (and reports it) and keeps domain codes', () => {
    const unexpected = jest.fn();
    const bug = new TypeError("Cannot read properties of undefined (reading 'id')");
    expect(formatSubgraphError(formatted, asResolverError(bug), unexpected)).toEqual({
      message: 'Internal error',
      path: ['clients'],
      extensions: { code: 'INTERNAL_SERVER_ERROR' },
    });
    expect(unexpected).toHaveBeenCalledWith(bug);
    const domain = new DomainError('CLIENT_CODE_TAKEN', 'taken', 'clientCode');
    expect(formatSubgraphError(formatted, asResolverError(domain), unexpected).extensions).toEqual({
      code: 'CLIENT_CODE_TAKEN',
      field: 'clientCode',
    });
  });
});

import { QueryFailedError } from 'typeorm';
import { DomainError } from '../errors';
import { uniqueViolationMapper, violatedUniqueIndex } from './unique-violation';

const failure = (code: string, constraint?: string) =>
  new QueryFailedError('INSERT …', [], Object.assign(new Error('pg'), { code, constraint }));

describe('uniqueViolationMapper', () => {
  const map = uniqueViolationMapper({
    thing_code_uq: () => new DomainError('THING_CODE_TAKEN', 'taken', 'code'),
  });

  it('maps a violation of a known index to its domain error', () => {
    expect(map(failure('23505', 'thing_code_uq'))).toMatchObject({ code: 'THING_CODE_TAKEN', field: 'code' });
  });

  it('leaves other indexes, other SQL errors and other failures unchanged', () => {
    for (const error of [failure('23505', 'other_uq'), failure('23503', 'thing_code_uq'), new Error('boom')])
      expect(map(error)).toBe(error);
    expect(violatedUniqueIndex(failure('23505', 'x_uq'))).toBe('x_uq');
    expect(violatedUniqueIndex('nope')).toBeUndefined();
  });
});

import { decodeCursor, decodeKeyset, encodeCursor, pageSize } from './cursor';
import { keyCursor, toConnection } from './connection';
import { keysetNamed, keysetSql, type KeysetOrder } from './keyset';

interface Row {
  id: string;
  createdAt: Date;
}
const ID = '0b5c3a9e-1d2f-4e6a-9b8c-7d6e5f4a3b2c';
const NEWEST_FIRST: KeysetOrder<Row> = {
  columns: ['created_at', 'id'],
  kinds: ['timestamp', 'uuid'],
  direction: 'DESC',
  positionOf: (r) => [r.createdAt, r.id],
};
const codeOf = (f: () => unknown) => {
  try {
    f();
  } catch (error) {
    return (error as { code?: string }).code;
  }
  return 'no error';
};

describe('cursors', () => {
  it('round-trip opaquely; a Date becomes ISO text and decodes back to a Date', () => {
    const at = new Date('1969-07-20T20:17:40.000Z');
    const cursor = encodeCursor([at, ID]);
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeKeyset(cursor, ['timestamp', 'uuid'])).toEqual([at, ID]);
  });

  it('refuses anything this API did not issue with INVALID_CURSOR on `after`', () => {
    expect(codeOf(() => decodeCursor('not-a-cursor'))).toBe('INVALID_CURSOR');
    expect(codeOf(() => decodeKeyset(encodeCursor(['yesterday', ID]), ['timestamp', 'uuid']))).toBe(
      'INVALID_CURSOR',
    );
    expect(codeOf(() => decodeKeyset(encodeCursor([new Date(), 'x']), ['timestamp', 'uuid']))).toBe(
      'INVALID_CURSOR',
    );
    expect(codeOf(() => decodeKeyset(encodeCursor([ID]), ['timestamp', 'uuid']))).toBe('INVALID_CURSOR');
    expect(codeOf(() => decodeKeyset(encodeCursor(['1']), ['number']))).toBe('INVALID_CURSOR');
  });
});

describe('pageSize', () => {
  it('takes the default when absent and refuses sizes outside 1..max', () => {
    expect(pageSize(undefined)).toBe(20);
    expect(pageSize(null, 500, 50)).toBe(50);
    expect(pageSize(100)).toBe(100);
    for (const bad of [0, -1, 101, 2.5]) expect(codeOf(() => pageSize(bad))).toBe('INVALID_PAGE_SIZE');
  });
});

describe('toConnection', () => {
  const rows = [1, 2, 3].map((n) => ({ id: `${n}`, createdAt: new Date(n * 1000) }));
  const cursorOf = keyCursor<Row>((r) => [r.createdAt, r.id]);

  it('shows `first` rows and says a page follows when the extra row came back', () => {
    const page = toConnection(rows, { first: 2, cursorOf, totalCount: 7 });
    expect(page.nodes.map((r) => r.id)).toEqual(['1', '2']);
    expect(page.edges[1]).toEqual({ cursor: cursorOf(rows[1]!), node: rows[1] });
    expect(page.pageInfo).toEqual({ hasNextPage: true, endCursor: cursorOf(rows[1]!) });
    expect(page.totalCount).toBe(7);
  });

  it('ends on the last page and on an empty one', () => {
    expect(toConnection(rows, { first: 3, cursorOf }).pageInfo.hasNextPage).toBe(false);
    expect(toConnection([], { first: 3, cursorOf }).pageInfo).toEqual({
      hasNextPage: false,
      endCursor: null,
    });
  });
});

describe('keyset SQL', () => {
  it('starts after the cursor in the order’s direction, with positional parameters', () => {
    const params: unknown[] = ['office'];
    const after = encodeCursor([new Date('2026-01-02T03:04:05.000Z'), ID]);
    expect(keysetSql(NEWEST_FIRST, after, params)).toEqual({
      where: '(created_at, id) < ($2, $3)',
      orderBy: 'created_at DESC, id DESC',
    });
    expect(params).toEqual(['office', new Date('2026-01-02T03:04:05.000Z'), ID]);
    expect(keysetSql({ ...NEWEST_FIRST, direction: 'ASC' }, null, [])).toEqual({
      where: null,
      orderBy: 'created_at ASC, id ASC',
    });
  });

  it('and with named parameters for query builders', () => {
    const after = encodeCursor(['acme', ID]);
    const byName: KeysetOrder<Row> = {
      ...NEWEST_FIRST,
      columns: ['lower(c.name)', 'c.id'],
      kinds: ['string', 'uuid'],
      direction: 'ASC',
    };
    expect(keysetNamed(byName, after)).toEqual({
      where: '(lower(c.name), c.id) > (:keyset0, :keyset1)',
      params: { keyset0: 'acme', keyset1: ID },
    });
    expect(codeOf(() => keysetNamed(byName, 'garbage'))).toBe('INVALID_CURSOR');
  });
});

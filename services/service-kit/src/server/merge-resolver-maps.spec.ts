import { mergeResolverMaps } from './merge-resolver-maps';

describe('mergeResolverMaps', () => {
  it('merges fields of the same type from several maps', () => {
    const merged = mergeResolverMaps([
      { Query: { a: () => 1 } },
      { Query: { b: () => 2 }, Client: { x: () => 3 } },
    ]);
    expect(Object.keys(merged.Query!)).toEqual(['a', 'b']);
    expect(Object.keys(merged.Client!)).toEqual(['x']);
  });

  it('refuses a field resolved twice', () => {
    expect(() => mergeResolverMaps([{ Query: { a: () => 1 } }, { Query: { a: () => 2 } }])).toThrow(
      'resolved twice: Query.a',
    );
  });
});

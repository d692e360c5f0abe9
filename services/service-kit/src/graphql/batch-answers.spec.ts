import { rowPerKey, rowsPerKey } from './batch-answers';

describe("a batch loader's answer in its keys' order", () => {
  const rows = [
    { id: 'b', owner: 'x' },
    { id: 'a', owner: 'y' },
    { id: 'c', owner: 'x' },
  ];

  it('gives each key its row, or null', () => {
    expect(rowPerKey(['a', 'z', 'b'], rows, (r) => r.id)).toEqual([rows[1], null, rows[0]]);
  });

  it('gives each key its rows in the order they came, or none', () => {
    expect(rowsPerKey(['x', 'z', 'y'], rows, (r) => r.owner)).toEqual([[rows[0], rows[2]], [], [rows[1]]]);
  });
});

import { isBic } from './bic';

describe('isBic', () => {
  it.each(['GEBABEBB', 'KREDBEBB', 'ARSPBE22', 'BPOTBEB1', 'GEBABEBB36A'])('accepts %s', (bic) => {
    expect(isBic(bic)).toBe(true);
  });

  it.each(['', 'GEBABEB', 'gebabebb', 'GEBA BEBB', 'GEBABEBB3', '1EBABEBB', 'GEBA1EBB'])(
    'refuses %j',
    (bic) => {
      expect(isBic(bic)).toBe(false);
    },
  );
});

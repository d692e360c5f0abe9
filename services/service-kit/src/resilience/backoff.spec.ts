import { Backoff } from './backoff';

describe('Backoff', () => {
  it('doubles up to the cap, with jitter between half and all of each step', () => {
    const low = new Backoff({ initialMs: 100, maxMs: 1000, random: () => 0 });
    const high = new Backoff({ initialMs: 100, maxMs: 1000, random: () => 0.999999 });
    const lows = Array.from({ length: 6 }, () => low.next());
    const highs = Array.from({ length: 6 }, () => high.next());
    expect(lows).toEqual([50, 100, 200, 400, 500, 500]);
    expect(highs).toEqual([100, 200, 400, 800, 1000, 1000]);
  });

  it('never gives up and starts over after a reset', () => {
    const backoff = new Backoff({ initialMs: 100, maxMs: 30_000, random: () => 0.5 });
    for (let i = 0; i < 1000; i++) expect(backoff.next()).toBeLessThanOrEqual(30_000);
    expect(backoff.attempts).toBe(1000);
    backoff.reset();
    expect(backoff.next()).toBe(75);
  });
});

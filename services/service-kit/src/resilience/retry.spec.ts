import { retryWithJitter } from './retry';

describe('retryWithJitter', () => {
  const waits: number[] = [];
  const wait = async (ms: number) => {
    waits.push(ms);
  };
  beforeEach(() => waits.splice(0));

  it('retries until the task succeeds, waiting jittered, growing delays', async () => {
    let calls = 0;
    const result = await retryWithJitter(
      async (attempt) => {
        calls += 1;
        if (attempt < 4) throw new Error('not yet');
        return 'done';
      },
      { initialMs: 100, maxMs: 1000, wait, random: () => 0.5 },
    );
    expect(result).toBe('done');
    expect(calls).toBe(4);
    expect(waits).toEqual([75, 150, 300]);
  });

  it('throws the last failure after maxAttempts tries', async () => {
    let calls = 0;
    const failing = () => {
      calls += 1;
      return Promise.reject(new Error(`failure ${calls}`));
    };
    await expect(retryWithJitter(failing, { maxAttempts: 3, wait })).rejects.toThrow('failure 3');
    expect(waits).toHaveLength(2);
  });

  it('stops at once on a failure not worth retrying, and runs beforeRetry between tries', async () => {
    const seen: number[] = [];
    const task = (attempt: number) =>
      Promise.reject(Object.assign(new Error('x'), { permanent: attempt === 2 }));
    await expect(
      retryWithJitter(task, {
        wait,
        retryIf: (error) => !(error as { permanent: boolean }).permanent,
        beforeRetry: (_error, attempt) => seen.push(attempt),
      }),
    ).rejects.toMatchObject({ permanent: true });
    expect(seen).toEqual([1]);
  });

  it('spreads the delays of callers that failed together (jitter)', async () => {
    const delays = new Set<number>();
    for (let i = 0; i < 20; i++) {
      const local: number[] = [];
      await retryWithJitter(
        (attempt) => (attempt === 1 ? Promise.reject(new Error('x')) : Promise.resolve()),
        { wait: async (ms) => void local.push(ms) },
      );
      delays.add(local[0]!);
    }
    expect(delays.size).toBeGreaterThan(1);
    for (const d of delays) expect(d).toBeGreaterThanOrEqual(125);
  });
});

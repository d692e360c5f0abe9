import { KAFKA_START_TIMEOUT_MS } from './kafka';
import { POSTGRES_START_TIMEOUT_MS } from './postgres';
import { deadlineFromEnv, DeadlinePassedError, waitUntil } from './wait-until';

describe('start-up deadlines', () => {
  it('Kafka and Postgres wait well beyond the 60 s a loaded machine overran, and the env overrides it', () => {
    expect(KAFKA_START_TIMEOUT_MS).toBeGreaterThanOrEqual(180_000);
    expect(POSTGRES_START_TIMEOUT_MS).toBeGreaterThanOrEqual(120_000);
    expect(deadlineFromEnv('KAFKA_START_TIMEOUT_S', KAFKA_START_TIMEOUT_MS, {})).toBe(KAFKA_START_TIMEOUT_MS);
    expect(deadlineFromEnv('KAFKA_START_TIMEOUT_S', 1, { KAFKA_START_TIMEOUT_S: '900' })).toBe(900_000);
    expect(() => deadlineFromEnv('KAFKA_START_TIMEOUT_S', 1, { KAFKA_START_TIMEOUT_S: 'soon' })).toThrow(
      /KAFKA_START_TIMEOUT_S/,
    );
  });

  it('waits on the condition for as long as the deadline allows', async () => {
    const readyAt = Date.now() + 1_500;
    let polls = 0;
    await waitUntil(
      'a slow server',
      async () => {
        polls += 1;
        return Date.now() >= readyAt;
      },
      { deadlineMs: 30_000, intervalMs: 100 },
    );
    expect(Date.now()).toBeGreaterThanOrEqual(readyAt);
    expect(polls).toBeGreaterThan(1);
  });

  it('fails once the deadline has passed, with the details that say why (e.g. the last log lines)', async () => {
    const started = Date.now();
    const waiting = waitUntil('a broker that never answers', async () => false, {
      deadlineMs: 1_000,
      intervalMs: 100,
      describe: () => 'last output:\nERROR port in use',
    });
    await expect(waiting).rejects.toThrow(DeadlinePassedError);
    await expect(waiting).rejects.toThrow(
      /a broker that never answers after 1 s; last output:\nERROR port in use/,
    );
    expect(Date.now() - started).toBeGreaterThanOrEqual(1_000);
  });

  it('ends the wait at once when the condition throws (the process exited)', async () => {
    await expect(
      waitUntil('a dead child', () => Promise.reject(new Error('exited (1)')), { deadlineMs: 60_000 }),
    ).rejects.toThrow('exited (1)');
  });
});

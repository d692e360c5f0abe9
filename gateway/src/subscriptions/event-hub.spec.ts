import { ClientUpdatedSchema, encodeEvent } from '@fidu/proto-events';
import { createLogger, type EventBus, type ReceivedRecord } from '@fidu/service-kit';
import { EventHub } from './event-hub';
import { office } from './feed';
import { clientChangedFeed } from './feeds/client-changed.feed';

/** A bus that fails `failures` times, then hands the hub's onRecord to the test. */
function fakeBus(failures = 0) {
  let onRecord: ((r: ReceivedRecord) => Promise<void>) | undefined;
  let attempts = 0;
  const bus: EventBus = {
    ensureTopics: async () => undefined,
    publish: async () => undefined,
    subscribe: async (options) => {
      attempts++;
      if (attempts <= failures) throw new Error('broker down');
      onRecord = options.onRecord;
      expect(options.fromBeginning).toBe(false);
      return { stop: async () => undefined };
    },
    isHealthy: async () => true,
    close: async () => undefined,
  };
  const deliver = (event: ReturnType<typeof encodeEvent>) =>
    (onRecord as NonNullable<typeof onRecord>)({ ...event, partition: 0, offset: '0' });
  return { bus, deliver, attempts: () => attempts };
}

const updated = (officeId: string, id = crypto.randomUUID()) =>
  encodeEvent(
    ClientUpdatedSchema,
    { clientId: 'c1', officeId, version: 2, changes: [{ field: 'email', newValue: 'a@b.be' }] },
    { id, source: 'clients', tenant: officeId, subject: 'c1' },
  );

describe('event hub', () => {
  const log = createLogger('test', 'silent');

  it('hands each event only to the listeners of its audience, once even when redelivered', async () => {
    const { bus, deliver } = fakeBus();
    const hub = new EventHub({ bus, feeds: [clientChangedFeed], log });
    await hub.start();
    expect(hub.state).toBe('consuming');
    expect(hub.groupId).toMatch(/^gateway-.+-\d+-[0-9a-f]{6}$/);
    const [a, b] = [jest.fn(), jest.fn()];
    hub.listen('clientChanged', office('A'), a);
    const stopB = hub.listen('clientChanged', office('B'), b);
    const event = updated('A');
    await deliver(event);
    await deliver(event);
    expect(a).toHaveBeenCalledTimes(1);
    expect(a.mock.calls[0][0]).toMatchObject({
      kind: 'UPDATED',
      clientId: 'c1',
      changes: [{ field: 'email', oldValue: null, newValue: 'a@b.be' }],
    });
    expect(b).not.toHaveBeenCalled();
    stopB();
    stopB();
    expect(hub.listenerCount()).toBe(1);
    await hub.stop();
    expect(hub.listenerCount()).toBe(0);
  });

  it('skips an undecodable record without throwing', async () => {
    const { bus, deliver } = fakeBus();
    const hub = new EventHub({ bus, feeds: [clientChangedFeed], log });
    await hub.start();
    await expect(deliver({ ...updated('A'), value: new Uint8Array([1, 2, 3]) })).resolves.toBeUndefined();
    await hub.stop();
  });

  it('keeps retrying while Kafka is unavailable, without failing the start', async () => {
    const { bus, attempts } = fakeBus(2);
    const hub = new EventHub({ bus, feeds: [clientChangedFeed], log, retryMs: 10 });
    await hub.start(1);
    expect(hub.state).toBe('connecting');
    // The retries run on their own timers: wait for the outcome, not for a guessed time.
    for (const deadline = Date.now() + 10_000; hub.state !== 'consuming' && Date.now() < deadline;)
      await new Promise((r) => setTimeout(r, 5));
    expect(attempts()).toBe(3);
    expect(hub.state).toBe('consuming');
    await hub.stop();
  });
});

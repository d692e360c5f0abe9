import { randomUUID } from 'node:crypto';
import { createLogger } from '../logger';
import { eventually } from '../testing/test-helpers';
import {
  createKafkaBus,
  type BusRecord,
  type EventBus,
  type ReceivedRecord,
  type Subscription,
} from './event-bus';

/** Where a consumer group starts with `newGroupStartsAtEnd` (real Kafka). */
describe('event bus: a new group starts at the end, a known group resumes (real Kafka)', () => {
  const log = createLogger('kit-bus-spec', 'error');
  let bus: EventBus;
  // A topic of this run only (3 partitions): the shared topics carry other tests' records.
  const topic = `kit-bus-spec.${randomUUID()}`;

  beforeAll(async () => {
    bus = createKafkaBus({ brokers: process.env.KAFKA_BROKERS!.split(','), clientId: 'kit-bus-spec', log });
    await bus.ensureTopics([topic]);
  });
  afterAll(async () => {
    await bus?.close();
  });

  /** One record per key k0…k29: fixed keys that land on every partition. */
  function records(label: string): BusRecord[] {
    return Array.from({ length: 30 }, (_, i) => ({
      topic,
      key: `k${i}`,
      value: Buffer.from(`${label}-${i}`),
      headers: {},
    }));
  }

  async function subscribe(groupId: string, received: ReceivedRecord[]): Promise<Subscription> {
    return bus.subscribe({
      groupId,
      topics: [topic],
      newGroupStartsAtEnd: true,
      onRecord: async (r) => void received.push(r),
    });
  }

  const valuesOf = (rs: ReceivedRecord[]) => rs.map((r) => Buffer.from(r.value).toString());
  const caughtUp = async (groupId: string) =>
    (await bus.consumerLag(groupId, [topic])).every((p) => p.lag === 0);

  it('skips what was published before subscribe and receives what is published right after it resolves', async () => {
    await bus.publish(records('before'));
    const groupId = `kit-bus-${randomUUID()}`;
    const received: ReceivedRecord[] = [];
    const sub = await subscribe(groupId, received);
    try {
      // Pinned and committed by the time subscribe resolves, on every partition.
      expect(await caughtUp(groupId)).toBe(true);
      await bus.publish(records('after'));
      await eventually('the records published after subscribe', async () => received.length >= 30, 20_000);
      await eventually('their offsets committed', () => caughtUp(groupId), 20_000);
      expect(valuesOf(received).every((v) => v.startsWith('after-'))).toBe(true);
      expect(received).toHaveLength(30);
      expect(new Set(received.map((r) => r.partition)).size).toBe(3);
    } finally {
      await sub.stop();
    }
  });

  it('resumes a group from its committed offsets instead of starting again at the end', async () => {
    const groupId = `kit-bus-${randomUUID()}`;
    const first: ReceivedRecord[] = [];
    const sub = await subscribe(groupId, first);
    await bus.publish(records('first'));
    await eventually('the first records', async () => first.length >= 30, 20_000);
    await eventually('their offsets committed', () => caughtUp(groupId), 20_000);
    await sub.stop();

    // Published while the group has no member: a new group would skip these, this one must not.
    await bus.publish(records('meanwhile'));
    const again: ReceivedRecord[] = [];
    const resumed = await subscribe(groupId, again);
    try {
      await eventually('the records published meanwhile', async () => again.length >= 30, 20_000);
      await eventually('their offsets committed', () => caughtUp(groupId), 20_000);
      expect(valuesOf(again).every((v) => v.startsWith('meanwhile-'))).toBe(true);
      expect(again).toHaveLength(30);
    } finally {
      await resumed.stop();
    }
  });
});

describe('event bus: a namespace keeps systems on one broker apart (real Kafka)', () => {
  const log = createLogger('kit-bus-spec', 'error');
  const brokers = process.env.KAFKA_BROKERS!.split(',');
  const topic = `kit-bus-ns.${randomUUID()}`;
  const plain = createKafkaBus({ brokers, clientId: 'kit-bus-ns', log });
  const staging = createKafkaBus({ brokers, clientId: 'kit-bus-ns', namespace: 'staging.', log });
  afterAll(async () => {
    await Promise.all([plain.close(), staging.close()]);
  });

  it('names topics and groups with it on the broker, and without it for callers and handlers', async () => {
    await Promise.all([plain.ensureTopics([topic]), staging.ensureTopics([topic])]);
    const group = `kit-bus-ns-${randomUUID()}`;
    const [ownSeen, plainSeen]: ReceivedRecord[][] = [[], []];
    const subs = await Promise.all([
      staging.subscribe({ groupId: group, topics: [topic], onRecord: async (r) => void ownSeen.push(r) }),
      plain.subscribe({ groupId: group, topics: [topic], onRecord: async (r) => void plainSeen.push(r) }),
    ]);
    try {
      await staging.publish([{ topic, key: 'k', value: Buffer.from('staged'), headers: {} }]);
      await plain.publish([{ topic, key: 'k', value: Buffer.from('plain'), headers: {} }]);
      await eventually(
        'each system received its own record',
        async () => ownSeen.length + plainSeen.length >= 2,
      );
      // Same group name, same topic name: two groups and two topics on the broker all the same.
      expect(ownSeen.map((r) => [r.topic, Buffer.from(r.value).toString()])).toEqual([[topic, 'staged']]);
      expect(plainSeen.map((r) => [r.topic, Buffer.from(r.value).toString()])).toEqual([[topic, 'plain']]);
      await eventually(
        'the staged group has committed its record',
        async () => (await staging.consumerLag(group, [topic])).every((p) => p.lag === 0),
        20_000,
      );
      const stagedPartition = ownSeen[0]!.partition;
      const lagOnBroker = await plain.consumerLag(`staging.${group}`, [`staging.${topic}`]);
      expect(lagOnBroker.find((p) => p.partition === stagedPartition)?.topic).toBe(`staging.${topic}`);
      expect(lagOnBroker.every((p) => p.lag === 0)).toBe(true);
    } finally {
      await Promise.all(subs.map((s) => s.stop()));
    }
  });
});

import {
  Kafka,
  logLevel,
  type Consumer,
  type Producer,
  type Admin,
  type LogEntry,
  type KafkaMessage,
} from 'kafkajs';
import type { Logger } from '../logger';
import { KeyHashPartitioner } from './kafka-partitioner';
import { installProduceEncoding } from './kafka-produce-encoding';
import { fetchEndPins, type EndPins } from './end-pins';

/** A Kafka record as the rest of the code sees it: no kafkajs types leak out of this file. */
export interface BusRecord {
  topic: string;
  key: string;
  value: Buffer | Uint8Array;
  headers: Record<string, string>;
}

export interface ReceivedRecord extends BusRecord {
  partition: number;
  offset: string;
}

export interface Subscription {
  stop(): Promise<void>;
}

/**
 * What a consumer asks after a record: nothing (done, its offset may be committed), or to get the
 * same record again after a delay. Meanwhile its partition is paused (nothing after it is
 * delivered) and its offset is not committed, so even a restart redelivers it.
 */
export type RecordOutcome = void | { retryAfterMs: number };

/** A partition this member consumes. */
export interface AssignedPartition {
  topic: string;
  partition: number;
}

/** How far a consumer group is behind on one partition: records published but not yet committed. */
export interface PartitionLag extends AssignedPartition {
  lag: number;
}

/**
 * The one small publish/consume interface over Kafka. kafkajs is unmaintained, so it stays
 * behind this seam; delivery guarantees come from the outbox and inbox, not from the client.
 */
export interface EventBus {
  ensureTopics(topics: string[]): Promise<void>;
  publish(records: BusRecord[]): Promise<void>;
  /** Resolves once the consumer has joined its group, so nothing published afterwards is missed. */
  subscribe(options: {
    groupId: string;
    topics: string[];
    fromBeginning?: boolean;
    /**
     * A group that has committed nothing yet starts at the topics' current end instead of their
     * beginning: the ends are read before the consumer joins and committed as it joins (see
     * end-pins.ts), so nothing published after `subscribe` resolves is missed (kafkajs' own
     * "latest" is resolved later, at the first fetch, and not committed).
     */
    newGroupStartsAtEnd?: boolean;
    onRecord(record: ReceivedRecord): Promise<RecordOutcome>;
    /**
     * Handles consecutive records of one partition (in offset order) at once, e.g. in one
     * transaction. Returns how many of the first records are done (their offsets may be
     * committed); the next one is then handed to `onRecord` alone (which decides retries and
     * pauses), and the records after it to `onBatch` again.
     */
    onBatch?(records: ReceivedRecord[]): Promise<number>;
    /** Called after each (re)join with the partitions this member now consumes. */
    onAssignment?(partitions: AssignedPartition[]): void;
  }): Promise<Subscription>;
  isHealthy(): Promise<boolean>;
  /** Per partition of `topics`: end offset minus the group's committed offset (metrics). */
  consumerLag(groupId: string, topics: string[]): Promise<PartitionLag[]>;
  close(): Promise<void>;
}

export interface KafkaBusOptions {
  brokers: string[];
  clientId: string;
  log: Logger;
  partitions?: number;
  /**
   * Put before every topic and consumer group name on the broker (`staging.` makes
   * `clients.client.v1` `staging.clients.client.v1`, the group `mandates` `staging.mandates`):
   * systems that share a cluster never see each other's events nor join each other's groups.
   * Callers and handlers use the names without it. Default: none.
   */
  namespace?: string;
}

/**
 * At most this many records go to one `onBatch` call: large enough that a transaction's fixed cost
 * (round trips, the commit's WAL flush) is spread thin, small enough to heartbeat between calls.
 */
const MAX_RECORDS_PER_BATCH = 1_000;

function toReceived(topic: string, partition: number, message: KafkaMessage): ReceivedRecord {
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(message.headers ?? {})) if (v !== undefined) headers[k] = v.toString();
  return {
    topic,
    partition,
    offset: message.offset,
    key: message.key?.toString() ?? '',
    value: message.value ?? Buffer.alloc(0),
    headers,
  };
}

/** kafkajs takes a value as a Buffer (a plain Uint8Array would be sent as its String()); no copy. */
const asBuffer = (value: Buffer | Uint8Array) =>
  Buffer.isBuffer(value) ? value : Buffer.from(value.buffer, value.byteOffset, value.byteLength);

export function createKafkaBus(options: KafkaBusOptions): EventBus {
  const namespace = options.namespace ?? '';
  const onBroker = (name: string) => `${namespace}${name}`;
  const ours = (topic: string) => topic.slice(namespace.length);
  const kafka = new Kafka({
    clientId: options.clientId,
    brokers: options.brokers,
    logLevel: logLevel.WARN,
    logCreator: () => (entry: LogEntry) => {
      // Retries are bounded on purpose (the outbox relay retries), so this warning is expected.
      if (entry.log.message.startsWith('Limiting retries for the idempotent producer')) return;
      options.log.warn({ kafka: entry.namespace, ...entry.log }, entry.log.message);
    },
    retry: { retries: 8, initialRetryTime: 200 },
  });
  let producer: Producer | undefined;
  let admin: Admin | undefined;
  const consumers = new Set<Consumer>();

  async function connectedAdmin(): Promise<Admin> {
    if (!admin) {
      admin = kafka.admin();
      await admin.connect();
    }
    return admin;
  }

  async function connectedProducer(): Promise<Producer> {
    if (!producer) {
      // Idempotent producer with acks=-1: no duplicates from producer retries within a session.
      // Records are encoded and partitioned as kafkajs would, with a fraction of its CPU (the
      // relay's bound): see kafka-produce-encoding.ts and kafka-partitioner.ts.
      installProduceEncoding();
      producer = kafka.producer({
        idempotent: true,
        maxInFlightRequests: 1,
        createPartitioner: KeyHashPartitioner,
      });
      await producer.connect();
    }
    return producer;
  }

  return {
    async ensureTopics(topics) {
      const client = await connectedAdmin();
      const existing = new Set(await client.listTopics());
      const missing = topics.map(onBroker).filter((t) => !existing.has(t));
      if (missing.length === 0) return;
      await client.createTopics({
        waitForLeaders: true,
        topics: missing.map((topic) => ({
          topic,
          numPartitions: options.partitions ?? 3,
          replicationFactor: -1,
        })),
      });
    },

    async publish(records) {
      if (records.length === 0) return;
      const client = await connectedProducer();
      const byTopic = new Map<string, BusRecord[]>();
      for (const r of records) {
        const same = byTopic.get(r.topic);
        if (same) same.push(r);
        else byTopic.set(r.topic, [r]);
      }
      try {
        await client.sendBatch({
          acks: -1,
          topicMessages: [...byTopic].map(([topic, rs]) => ({
            topic: onBroker(topic),
            messages: rs.map((r) => ({ key: r.key, value: asBuffer(r.value), headers: r.headers })),
          })),
        });
      } catch (error) {
        // A failed send may leave the idempotent producer's sequence numbers out of step with the
        // broker's (a broker killed mid-send and restarted answers every later send with
        // OUT_OF_ORDER_SEQUENCE_NUMBER, and kafkajs never starts over): the next send gets a new
        // producer, hence a new producer id. What the old one may have written is published again,
        // and the consumers' inbox absorbs it.
        if (producer === client) {
          producer = undefined;
          void client.disconnect().catch(() => undefined);
        }
        throw error;
      }
    },

    async subscribe({
      groupId: ourGroupId,
      topics,
      fromBeginning = true,
      newGroupStartsAtEnd,
      onRecord,
      onBatch,
      onAssignment,
    }) {
      const groupId = onBroker(ourGroupId);
      const brokerTopics = topics.map(onBroker);
      const pins: EndPins | undefined = newGroupStartsAtEnd
        ? await fetchEndPins(await connectedAdmin(), groupId, brokerTopics)
        : undefined;
      // A 1 s fetch long-poll (kafkajs default 5 s) keeps shutdown and rebalances short.
      const consumer = kafka.consumer({
        groupId,
        sessionTimeout: 10_000,
        heartbeatInterval: 1_000,
        maxWaitTimeInMs: 1_000,
      });
      consumers.add(consumer);
      const resumeTimers = new Set<NodeJS.Timeout>();
      const joined = new Promise<void>((resolve) =>
        consumer.on(consumer.events.GROUP_JOIN, (event) => {
          // Here, not after the join: only this handler runs before the generation's first fetch.
          pins?.seekAssigned(consumer, event.payload.memberAssignment);
          onAssignment?.(
            Object.entries(event.payload.memberAssignment).flatMap(([topic, partitions]) =>
              partitions.map((partition) => ({ topic: ours(topic), partition })),
            ),
          );
          resolve();
        }),
      );
      await consumer.connect();
      await consumer.subscribe({ topics: brokerTopics, fromBeginning });
      // eachBatch with manual offset resolution rather than eachMessage: kafkajs's documented
      // pause pattern (pause(), resume later) then needs no throw, so a consumer that waits for
      // its database does not go through kafkajs's own retries, crash and group rejoin.
      await consumer.run({
        // Partitions are independent (order is kept per key, hence per partition): handling them
        // side by side is what lets a fresh group catch up with a long topic in reasonable time.
        partitionsConsumedConcurrently: 3,
        eachBatchAutoResolve: false,
        eachBatch: async ({ batch, resolveOffset, heartbeat, pause, isRunning, isStale }) => {
          const topic = ours(batch.topic);
          const records = batch.messages.map((message) => toReceived(topic, batch.partition, message));
          let next = 0;
          while (next < records.length) {
            if (!isRunning() || isStale()) return;
            if (onBatch && records.length - next > 1) {
              const chunk = records.slice(next, next + MAX_RECORDS_PER_BATCH);
              const done = await onBatch(chunk);
              if (done > 0) {
                resolveOffset(chunk[done - 1]!.offset);
                await heartbeat();
                next += done;
                continue;
              }
            }
            const record = records[next]!;
            const outcome = await onRecord(record);
            if (outcome && outcome.retryAfterMs >= 0) {
              // Not resolved: after the resume, the fetch starts again at this very record.
              const resume = pause();
              const timer = setTimeout(() => {
                resumeTimers.delete(timer);
                resume();
              }, outcome.retryAfterMs);
              resumeTimers.add(timer);
              return;
            }
            resolveOffset(record.offset);
            await heartbeat();
            next += 1;
          }
        },
      });
      await joined;
      try {
        await pins?.committed();
      } catch (error) {
        consumers.delete(consumer);
        await consumer.disconnect();
        throw error;
      }
      return {
        stop: async () => {
          for (const timer of resumeTimers) clearTimeout(timer);
          resumeTimers.clear();
          consumers.delete(consumer);
          await consumer.disconnect();
        },
      };
    },

    async isHealthy() {
      try {
        const client = await connectedAdmin();
        await Promise.race([
          client.describeCluster(),
          new Promise((_, reject) => setTimeout(() => reject(new Error('kafka health timeout')), 2000)),
        ]);
        return true;
      } catch {
        return false;
      }
    },

    async consumerLag(groupId, topics) {
      const client = await connectedAdmin();
      const lags = await Promise.all(
        topics.map(async (topic) => {
          const [ends, [committed]] = await Promise.all([
            client.fetchTopicOffsets(onBroker(topic)),
            client.fetchOffsets({ groupId: onBroker(groupId), topics: [onBroker(topic)] }),
          ]);
          const committedOf = new Map(committed?.partitions.map((p) => [p.partition, Number(p.offset)]));
          return ends.map((end) => {
            // Nothing committed yet (-1): the whole retained partition is still to read.
            const at = committedOf.get(end.partition) ?? -1;
            const from = at >= 0 ? at : Number(end.low);
            return { topic, partition: end.partition, lag: Math.max(0, Number(end.high) - from) };
          });
        }),
      );
      return lags.flat();
    },

    async close() {
      await Promise.allSettled([...consumers].map((c) => c.disconnect()));
      consumers.clear();
      await producer?.disconnect();
      await admin?.disconnect();
      producer = undefined;
      admin = undefined;
    },
  };
}

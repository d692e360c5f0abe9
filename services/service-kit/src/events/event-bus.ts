import {
  Kafka,
  Partitioners,
  logLevel,
  type Consumer,
  type Producer,
  type Admin,
  type LogEntry,
} from 'kafkajs';
import type { Logger } from '../logger';

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
    onRecord(record: ReceivedRecord): Promise<void>;
  }): Promise<Subscription>;
  isHealthy(): Promise<boolean>;
  close(): Promise<void>;
}

export interface KafkaBusOptions {
  brokers: string[];
  clientId: string;
  log: Logger;
  partitions?: number;
}

export function createKafkaBus(options: KafkaBusOptions): EventBus {
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
      producer = kafka.producer({
        idempotent: true,
        maxInFlightRequests: 1,
        createPartitioner: Partitioners.DefaultPartitioner,
      });
      await producer.connect();
    }
    return producer;
  }

  return {
    async ensureTopics(topics) {
      const client = await connectedAdmin();
      const existing = new Set(await client.listTopics());
      const missing = topics.filter((t) => !existing.has(t));
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
      for (const r of records) byTopic.set(r.topic, [...(byTopic.get(r.topic) ?? []), r]);
      await client.sendBatch({
        acks: -1,
        topicMessages: [...byTopic].map(([topic, rs]) => ({
          topic,
          messages: rs.map((r) => ({ key: r.key, value: Buffer.from(r.value), headers: r.headers })),
        })),
      });
    },

    async subscribe({ groupId, topics, fromBeginning = true, onRecord }) {
      // A 1 s fetch long-poll (kafkajs default 5 s) keeps shutdown and rebalances short.
      const consumer = kafka.consumer({
        groupId,
        sessionTimeout: 10_000,
        heartbeatInterval: 1_000,
        maxWaitTimeInMs: 1_000,
      });
      consumers.add(consumer);
      const joined = new Promise<void>((resolve) => consumer.on(consumer.events.GROUP_JOIN, () => resolve()));
      await consumer.connect();
      await consumer.subscribe({ topics, fromBeginning });
      await consumer.run({
        eachMessage: async ({ topic, partition, message }) => {
          const headers: Record<string, string> = {};
          for (const [k, v] of Object.entries(message.headers ?? {}))
            if (v !== undefined) headers[k] = v.toString();
          await onRecord({
            topic,
            partition,
            offset: message.offset,
            key: message.key?.toString() ?? '',
            value: message.value ?? Buffer.alloc(0),
            headers,
          });
        },
      });
      await joined;
      return {
        stop: async () => {
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

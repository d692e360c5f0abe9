import type { Admin, Consumer } from 'kafkajs';
import { retryWithJitter } from '../resilience/retry';

/**
 * Where a consumer group that has committed nothing starts, when it must start at the topics' end
 * (`newGroupStartsAtEnd`): each such partition is "pinned" to its end offset as fetched before the
 * consumer connects, then the consumer seeks its assigned pinned partitions from its own group-join
 * handler. No second group join: kafkajs' admin.setOffsets, used before, runs a whole consumer
 * (join, fetch, seek, leave: seconds per topic).
 *
 * Why this is exact (kafkajs 2.2.4, src/consumer):
 * - GROUP_JOIN is emitted synchronously inside joinAndSync(), after the assignment and before the
 *   runner schedules any fetch, and listeners are called synchronously: the seek is registered
 *   before the first fetch of the generation.
 * - consumerGroup.fetch() applies the registered seeks before building its request; with autoCommit
 *   (our default) offsetManager.seek() commits the offset under the current generation, and the
 *   fetch then reads from the committed offset. A rebalance after that keeps it (it is committed);
 *   one that makes the commit fail (the seek entry is spent) rejoins, and the handler seeks again:
 *   a pin is dropped only once the group is seen to have committed the partition. (Should the
 *   commit fail otherwise, e.g. NOT_COORDINATOR, kafkajs retries the fetch without a rejoin and the
 *   partition starts at the subscription's default, the beginning: more read, nothing skipped, and
 *   if it stays empty, subscribe() fails at the deadline below rather than resolving.)
 * - subscribe() resolves only once the group has committed every pinned partition (its own and
 *   those of other members), as it did when admin.setOffsets pinned the topics before the join.
 *   The ends are fetched before the committed offsets, so a pin exists only if, when its end was
 *   read, no member could have resolved yet: no pin lies past a record published after any
 *   member's subscribe() resolved, and a record published after that is never skipped.
 *
 * Not subscribe({ fromBeginning: false }): kafkajs resolves "latest" lazily, at the partition's
 * first fetch, and does not commit it until a record is consumed, so records published between
 * subscribe() resolving and that fetch (or before a rebalance) would be skipped.
 */
export interface EndPins {
  /** For the GROUP_JOIN handler: seeks the assigned partitions still pinned (synchronous). */
  seekAssigned(consumer: Consumer, assignment: Record<string, number[]>): void;
  /** Resolves once the group has a committed offset on every pinned partition. */
  committed(): Promise<void>;
}

const key = (topic: string, partition: number) => `${topic}\u0000${partition}`;

/**
 * The group's partitions with nothing committed, each with the topic's end offset. Topics created a
 * moment ago may have no leader yet ("not the leader"), so the look-up is retried with fresh
 * metadata for a while before giving up.
 */
export async function fetchEndPins(admin: Admin, groupId: string, topics: string[]): Promise<EndPins> {
  const pins = await retryWithJitter(
    async () => {
      // Ends first, committed offsets second: see "Why this is exact" above.
      const ends = await Promise.all(
        topics.map(async (topic) => ({ topic, ends: await admin.fetchTopicOffsets(topic) })),
      );
      const committed = await admin.fetchOffsets({ groupId, topics });
      const uncommitted = new Set(
        committed.flatMap((t) =>
          t.partitions.filter((p) => p.offset === '-1').map((p) => key(t.topic, p.partition)),
        ),
      );
      const found = new Map<string, { topic: string; partition: number; offset: string }>();
      for (const { topic, ends: partitions } of ends)
        for (const { partition, high } of partitions)
          if (uncommitted.has(key(topic, partition)))
            found.set(key(topic, partition), { topic, partition, offset: high });
      return found;
    },
    {
      initialMs: 100,
      maxMs: 2000,
      maxAttempts: 21,
      beforeRetry: () => admin.fetchTopicMetadata({ topics }).catch(() => undefined),
    },
  );
  const pinnedTopics = [...new Set([...pins.values()].map((p) => p.topic))];

  return {
    seekAssigned(consumer, assignment) {
      for (const [topic, partitions] of Object.entries(assignment))
        for (const partition of partitions) {
          const pin = pins.get(key(topic, partition));
          if (pin) consumer.seek(pin);
        }
    },

    async committed() {
      if (pins.size === 0) return;
      // A few polls: our own seeks commit at the first fetch, right after the join. The deadline
      // (about 50 s) covers a rebalance or another member of a new group committing its partitions.
      await retryWithJitter(
        async () => {
          for (const t of await admin.fetchOffsets({ groupId, topics: pinnedTopics }))
            for (const p of t.partitions) if (p.offset !== '-1') pins.delete(key(t.topic, p.partition));
          if (pins.size > 0)
            throw new Error(`group ${groupId}: ${pins.size} partition(s) not yet at their end`);
        },
        { initialMs: 20, maxMs: 1000, maxAttempts: 70 },
      );
    },
  };
}

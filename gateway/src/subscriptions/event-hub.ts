import { hostname } from 'node:os';
import { randomBytes } from 'node:crypto';
import { decodeEvent, type DecodedEvent } from '@fidu/proto-events';
import {
  Backoff,
  type EventBus,
  type Logger,
  type ReceivedRecord,
  type Subscription,
} from '@fidu/service-kit';
import type { AudienceKey, SubscriptionFeed } from './feed';

/** Receives one payload of the feed it listens to. */
export type Listener = (payload: Record<string, unknown>) => void;

/** Where the hub's one Kafka consumer stands. */
export type HubState = 'disabled' | 'idle' | 'connecting' | 'consuming' | 'stopped';

export interface EventHubOptions {
  /** Undefined when Kafka is not configured: the hub stays `disabled` and delivers nothing. */
  bus: EventBus | undefined;
  feeds: readonly SubscriptionFeed[];
  log: Logger;
  /** Consumer group; default `gateway-<hostname>-<pid>-<random>`: one group per gateway instance. */
  groupId?: string;
  /** First retry delay after the consumer could not start; doubles up to 30 s, with jitter. Default 1 s. */
  retryMs?: number;
}

/** Event ids remembered to drop a redelivery (Kafka is at-least-once). */
const RECENT_IDS = 10_000;

/** A unique consumer group per gateway instance: each replica receives every event for its own subscribers. */
export function defaultGroupId(): string {
  return `gateway-${hostname()}-${process.pid}-${randomBytes(3).toString('hex')}`;
}

/**
 * The gateway's one Kafka consumer (per process, whatever the number of subscribers) and its
 * in-memory fan-out: each event is decoded once, turned into each interested feed's payload once,
 * and handed to the listeners registered for that feed and one of the event's audience keys.
 * It reads from the end of the topics: subscriptions are live, not replays. The end is pinned when
 * it subscribes (`newGroupStartsAtEnd`), so an event published once it is consuming is delivered;
 * with `fromBeginning: false` alone, kafkajs read "latest" at its first fetch and skipped what was
 * published in between, which a loaded machine stretches to seconds.
 */
export class EventHub {
  private readonly listeners = new Map<string, Set<Listener>>();
  private readonly feedsByTopic = new Map<string, SubscriptionFeed[]>();
  private readonly recentIds = new Set<string>();
  private subscription?: Subscription;
  private retryTimer?: NodeJS.Timeout;
  private wake?: () => void;
  private retryBackoff?: Backoff;
  private stateValue: HubState;
  readonly groupId: string;

  constructor(private readonly options: EventHubOptions) {
    this.groupId = options.groupId ?? defaultGroupId();
    this.stateValue = options.bus ? 'idle' : 'disabled';
    for (const feed of options.feeds) {
      for (const topic of feed.topics)
        this.feedsByTopic.set(topic, [...(this.feedsByTopic.get(topic) ?? []), feed]);
    }
  }

  get state(): HubState {
    return this.stateValue;
  }

  /** Registers a listener; the returned function removes it (idempotent). */
  listen(field: string, audience: AudienceKey, listener: Listener): () => void {
    const key = `${field}|${audience}`;
    let set = this.listeners.get(key);
    if (!set) this.listeners.set(key, (set = new Set()));
    set.add(listener);
    return () => {
      const current = this.listeners.get(key);
      if (!current) return;
      current.delete(listener);
      if (current.size === 0) this.listeners.delete(key);
    };
  }

  /** Listeners currently registered (all feeds and audiences). */
  listenerCount(): number {
    let n = 0;
    for (const set of this.listeners.values()) n += set.size;
    return n;
  }

  /** Hands an event to the listeners allowed to see it. Never throws. */
  dispatch(topic: string, event: DecodedEvent): void {
    if (this.recentIds.has(event.id)) return;
    this.recentIds.add(event.id);
    if (this.recentIds.size > RECENT_IDS)
      this.recentIds.delete(this.recentIds.values().next().value as string);
    for (const feed of this.feedsByTopic.get(topic) ?? []) {
      let delivery;
      try {
        delivery = feed.toDelivery(event);
      } catch (error) {
        this.options.log.error(
          { err: error, eventId: event.id, feed: feed.field },
          'subscription feed failed on an event',
        );
        continue;
      }
      if (!delivery) continue;
      for (const audience of new Set(delivery.audience)) {
        for (const listener of this.listeners.get(`${feed.field}|${audience}`) ?? [])
          listener(delivery.payload);
      }
    }
  }

  /** One Kafka record: decoded once; a record the gateway cannot read is logged and skipped. */
  private onRecord = async (record: ReceivedRecord): Promise<void> => {
    let event: DecodedEvent;
    try {
      event = decodeEvent(record.value);
    } catch (error) {
      // The owning service's consumers park it on the DLQ; live subscribers simply do not see it.
      this.options.log.warn(
        { err: error, topic: record.topic, offset: record.offset },
        'subscriptions: undecodable event skipped',
      );
      return;
    }
    this.dispatch(record.topic, event);
  };

  /**
   * Starts consuming. Resolves once the consumer has joined its group, or after `waitMs` if Kafka is
   * not reachable: the gateway then serves HTTP and WebSocket anyway and keeps retrying in the
   * background (kafkajs itself restarts a consumer that lost its broker).
   */
  async start(waitMs = 15_000): Promise<void> {
    if (this.stateValue !== 'idle') return;
    this.retryBackoff = new Backoff({ initialMs: this.options.retryMs ?? 1000, maxMs: 30_000 });
    const attempt = this.connect();
    await Promise.race([attempt, new Promise((r) => setTimeout(r, waitMs).unref())]);
  }

  /** A method, not a narrowed field read: stop() may run while connect() awaits. */
  private stopped(): boolean {
    return this.stateValue === 'stopped';
  }

  private async connect(): Promise<void> {
    const bus = this.options.bus;
    if (this.stopped() || !bus) return;
    this.stateValue = 'connecting';
    const topics = [...this.feedsByTopic.keys()];
    try {
      await bus.ensureTopics(topics);
      const subscription = await bus.subscribe({
        groupId: this.groupId,
        topics,
        newGroupStartsAtEnd: true,
        // Should a pin be lost (see the kit's end-pins.ts), start at the end rather than replay.
        fromBeginning: false,
        onRecord: this.onRecord,
      });
      if (this.stopped()) {
        await subscription.stop();
        return;
      }
      this.subscription = subscription;
      this.stateValue = 'consuming';
      this.options.log.info({ groupId: this.groupId, topics }, 'subscriptions: consuming');
    } catch (error) {
      if (this.stopped()) return;
      const delayMs = this.retryBackoff!.next();
      this.options.log.warn({ err: error, retryInMs: delayMs }, 'subscriptions: Kafka unavailable, retrying');
      await new Promise<void>((resolve) => {
        this.wake = resolve;
        this.retryTimer = setTimeout(resolve, delayMs);
      });
      await this.connect();
    }
  }

  async stop(): Promise<void> {
    this.stateValue = 'stopped';
    clearTimeout(this.retryTimer);
    this.wake?.();
    await this.subscription
      ?.stop()
      .catch((error: unknown) =>
        this.options.log.warn({ err: error }, 'subscriptions: consumer stop failed'),
      );
    this.subscription = undefined;
    this.listeners.clear();
  }
}

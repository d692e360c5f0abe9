/**
 * SQLSTATE classes and codes that say nothing about the message being handled: the database is
 * unreachable or overloaded (08 connection exception, 53 insufficient resources, 57 operator
 * intervention: shutdown, terminated backend, cannot connect now), or the transaction lost a race
 * (40001 serialization failure, 40P01 deadlock) and would pass if simply run again.
 */
const TRANSIENT_SQLSTATE_CLASSES = ['08', '53', '57'];
const TRANSIENT_SQLSTATES = ['40001', '40P01', '55P03'];

/** Socket-level failures reported by Node (and so by pg, kafkajs…). */
const TRANSIENT_SYSCALL_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EAI_AGAIN',
  'ENOTFOUND',
]);

/** Messages of node-postgres and its pool that carry no code. */
const TRANSIENT_MESSAGES = [
  /connection terminated/i,
  /terminating connection/i,
  /timeout exceeded when trying to connect/i,
  /connection timeout/i,
  /not queryable/i,
  /cannot use a pool after calling end/i,
  /is not currently accepting connections/i,
  /the database system is (starting up|shutting down|in recovery mode)/i,
];

/**
 * TypeORM's answer to a query on a connection that a failure already took away (a transaction whose
 * backend was terminated): a consequence of the same passing failure, not a bug of the caller's.
 */
const RELEASED_CONNECTION = /^QueryRunner(Provider)?AlreadyReleasedError$/;

/** A failure a request met that passes (terminated connection, failover, overload): retry, not a bug. */
export function isPassingDatabaseFailure(error: unknown): boolean {
  return isTransientFailure(error) || RELEASED_CONNECTION.test(String((error as { name?: unknown })?.name));
}

/** The error and the errors it wraps (TypeORM's driverError, `cause` chains). */
function chainOf(error: unknown): unknown[] {
  const chain: unknown[] = [];
  let current: unknown = error;
  while (current && typeof current === 'object' && chain.length < 10 && !chain.includes(current)) {
    chain.push(current);
    const e = current as { driverError?: unknown; cause?: unknown };
    current = e.driverError ?? e.cause;
  }
  return chain;
}

/**
 * Whether a failure is the infrastructure's (worth waiting out) rather than the message's.
 * Decided from the error alone; callers also probe the database, since an unreachable database
 * can fail in ways no code lists (e.g. SQLSTATE 55000 "not currently accepting connections").
 */
export function isTransientFailure(error: unknown): boolean {
  return chainOf(error).some((e) => {
    const { code, name, message, retriable } = e as {
      code?: unknown;
      name?: unknown;
      message?: unknown;
      retriable?: unknown;
    };
    if (typeof code === 'string') {
      if (TRANSIENT_SQLSTATES.includes(code)) return true;
      if (/^[0-9A-Z]{5}$/.test(code) && TRANSIENT_SQLSTATE_CLASSES.includes(code.slice(0, 2))) return true;
      if (TRANSIENT_SYSCALL_CODES.has(code)) return true;
    }
    // A Kafka publish that failed on the broker's side (kafkajs marks what is worth retrying).
    if (typeof name === 'string' && name.startsWith('KafkaJS') && retriable !== false) return true;
    return typeof message === 'string' && TRANSIENT_MESSAGES.some((m) => m.test(message));
  });
}

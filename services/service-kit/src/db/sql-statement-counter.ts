import { AsyncLocalStorage } from 'node:async_hooks';
import type { Logger as TypeOrmLogger } from 'typeorm';

interface RequestScope {
  requestId: string;
  statements: number;
}

const scope = new AsyncLocalStorage<RequestScope>();

/**
 * Counts the SQL statements each GraphQL request runs, so tests can prove that list resolvers
 * are batched (a page of 100 costs what a page of 10 costs). Counting follows the async
 * context of the request; the relay's and consumers' statements are not attributed to it.
 */
export class SqlStatementCounter {
  private readonly byRequest = new Map<string, number>();

  /** Runs `fn` inside a request's counting scope. */
  run<T>(requestId: string, fn: () => T): T {
    return scope.run({ requestId, statements: 0 }, fn);
  }

  /** Total statements recorded so far for that request id (0 when unknown). */
  countFor(requestId: string): number {
    return this.byRequest.get(requestId) ?? 0;
  }

  record(): void {
    const current = scope.getStore();
    if (!current) return;
    current.statements += 1;
    this.byRequest.set(current.requestId, current.statements);
    if (this.byRequest.size > 10_000) {
      const oldest = this.byRequest.keys().next().value;
      if (oldest !== undefined) this.byRequest.delete(oldest);
    }
  }

  /**
   * A TypeORM logger that feeds this counter. Failing queries go to debug: most are expected
   * constraint violations turned into domain errors; unexpected ones are logged where they surface.
   */
  typeormLogger(log: { debug(msg: string): void; warn(msg: string): void }): TypeOrmLogger {
    return {
      logQuery: () => this.record(),
      logQueryError: (error, query) => log.debug(`query failed: ${String(error)} — ${query}`),
      logQuerySlow: (time, query) => log.warn(`slow query (${time} ms): ${query}`),
      logSchemaBuild: () => undefined,
      logMigration: () => undefined,
      log: () => undefined,
    };
  }
}

import { Client } from 'pg';

/**
 * node-postgres' Client with an 'error' listener for its whole life. A backend terminated while TypeORM
 * holds the connection (pg_terminate_backend, a failover) can make the client emit 'error' twice: the
 * query runner's listener handles the first and is removed as the connection goes back to the pool
 * (destroyed), and the pool listens only to idle clients, so the second one had no listener and
 * crashed the whole process ("Unhandled error. terminating connection due to administrator command").
 * What fails is still reported: to the query that was running, or to the pool for an idle client.
 */
export class ResilientPgClient extends Client {
  constructor(...args: ConstructorParameters<typeof Client>) {
    super(...args);
    this.on('error', () => undefined);
  }
}

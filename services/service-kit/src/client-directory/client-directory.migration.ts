import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A service's local copy of the clients it needs to know, fed only by `clients.client.v1`
 * events (services never read each other's tables).
 */
export class ClientDirectory1700000000001 implements MigrationInterface {
  name = 'ClientDirectory1700000000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE client_directory (
        client_id uuid PRIMARY KEY,
        office_id text NOT NULL,
        enterprise_number text,
        company_name text NOT NULL,
        client_code text NOT NULL,
        email text,
        phone text,
        language text NOT NULL,
        street text,
        postal_code text,
        city text,
        country text,
        version int NOT NULL,
        synced_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX client_directory_office_idx ON client_directory (office_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE client_directory`);
  }
}

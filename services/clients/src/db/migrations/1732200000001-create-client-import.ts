import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Bulk imports of clients, their progress and their refused rows. */
export class CreateClientImport1732200000001 implements MigrationInterface {
  name = 'CreateClientImport1732200000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE client_import (
        id uuid PRIMARY KEY,
        office_id text NOT NULL,
        status text NOT NULL,
        source text NOT NULL,
        total int NOT NULL,
        processed int NOT NULL DEFAULT 0,
        created int NOT NULL DEFAULT 0,
        refused int NOT NULL DEFAULT 0,
        refused_rows jsonb NOT NULL DEFAULT '[]',
        started_at timestamptz NOT NULL,
        finished_at timestamptz
      )`);
    await q.query(`CREATE INDEX client_import_office_idx ON client_import (office_id, started_at DESC)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE client_import`);
  }
}

import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateWorker1732300000002 implements MigrationInterface {
  name = 'CreateWorker1732300000002';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE worker (
        id uuid PRIMARY KEY,
        office_id text NOT NULL,
        company_id uuid NOT NULL REFERENCES approved_company (id),
        first_name text NOT NULL,
        last_name text NOT NULL,
        niss varchar(11) CHECK (niss ~ '^[0-9]{11}$'),
        created_at timestamptz NOT NULL
      )`);
    // A person is added once per company; without a NISS we cannot tell, so no constraint then.
    await q.query(
      `CREATE UNIQUE INDEX worker_company_niss_uq ON worker (company_id, niss) WHERE niss IS NOT NULL`,
    );
    // The workers list of a company, in name order.
    await q.query(
      `CREATE INDEX worker_company_name_idx ON worker (company_id, lower(last_name), lower(first_name), id)`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE worker`);
  }
}

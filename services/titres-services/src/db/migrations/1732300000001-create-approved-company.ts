import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateApprovedCompany1732300000001 implements MigrationInterface {
  name = 'CreateApprovedCompany1732300000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE approved_company (
        id uuid PRIMARY KEY,
        office_id text NOT NULL,
        client_id uuid NOT NULL,
        approval_number varchar(6) NOT NULL CHECK (approval_number ~ '^[0-9]{6}$'),
        financial_contact_name text NOT NULL,
        financial_contact_email text NOT NULL,
        financial_contact_phone text,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL,
        version int NOT NULL
      )`);
    // One approved company per client; client ids are UUIDs, unique across offices.
    await q.query(`CREATE UNIQUE INDEX approved_company_client_uq ON approved_company (client_id)`);
    // An approval number names one company: two clients of an office cannot share it.
    await q.query(
      `CREATE UNIQUE INDEX approved_company_office_approval_uq ON approved_company (office_id, approval_number)`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE approved_company`);
  }
}

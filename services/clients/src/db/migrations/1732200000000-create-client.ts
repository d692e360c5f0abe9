import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateClient1732200000000 implements MigrationInterface {
  name = 'CreateClient1732200000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE client (
        id uuid PRIMARY KEY,
        office_id text NOT NULL,
        enterprise_number varchar(10),
        company_name text NOT NULL,
        client_code text NOT NULL,
        email text,
        phone text,
        street text,
        postal_code text,
        city text,
        country text,
        language text NOT NULL,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL,
        version int NOT NULL
      )`);
    // The client code names the delivery folder: unique per office.
    await q.query(`CREATE UNIQUE INDEX client_office_code_uq ON client (office_id, client_code)`);
    await q.query(
      `CREATE UNIQUE INDEX client_office_enterprise_uq ON client (office_id, enterprise_number) WHERE enterprise_number IS NOT NULL`,
    );
    // Keyset paging in list order (name, then id).
    await q.query(`CREATE INDEX client_office_name_idx ON client (office_id, lower(company_name), id)`);
    await q.query(`CREATE INDEX client_office_missing_email_idx ON client (office_id) WHERE email IS NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE client`);
  }
}

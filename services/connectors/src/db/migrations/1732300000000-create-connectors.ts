import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateConnectors1732300000000 implements MigrationInterface {
  name = 'CreateConnectors1732300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE connector_software (
        id text PRIMARY KEY,
        name text NOT NULL,
        kind text NOT NULL CHECK (kind IN ('ACCOUNTING_SOFTWARE', 'PROVIDER')),
        export_formats text[] NOT NULL CHECK (cardinality(export_formats) > 0 AND export_formats <@ ARRAY['FEC', 'CSV'])
      )`);
    await q.query(`
      CREATE TABLE connector (
        id uuid PRIMARY KEY,
        office_id text NOT NULL,
        software_id text NOT NULL REFERENCES connector_software (id),
        state text NOT NULL CHECK (state IN ('PENDING_VALIDATION', 'ACTIVE', 'DELETED')),
        created_at timestamptz NOT NULL,
        validated_at timestamptz,
        deleted_at timestamptz
      )`);
    // One live connector per software and office; a deleted one may be added again.
    await q.query(
      `CREATE UNIQUE INDEX connector_office_software_uq ON connector (office_id, software_id) WHERE state <> 'DELETED'`,
    );
    await q.query(`
      CREATE TABLE connector_association (
        id uuid PRIMARY KEY,
        office_id text NOT NULL,
        connector_id uuid NOT NULL REFERENCES connector (id),
        client_id uuid NOT NULL,
        associated_at timestamptz NOT NULL,
        ended_at timestamptz,
        end_reason text CHECK (end_reason IN ('DISASSOCIATED', 'CONNECTOR_DELETED')),
        CHECK ((ended_at IS NULL) = (end_reason IS NULL))
      )`);
    // A client feeds at most one connector at a time; concurrent associations race on this index.
    await q.query(
      `CREATE UNIQUE INDEX connector_association_client_uq ON connector_association (office_id, client_id) WHERE ended_at IS NULL`,
    );
    // Deleting a connector ends its live associations.
    await q.query(
      `CREATE INDEX connector_association_connector_idx ON connector_association (connector_id) WHERE ended_at IS NULL`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE connector_association`);
    await q.query(`DROP TABLE connector`);
    await q.query(`DROP TABLE connector_software`);
  }
}

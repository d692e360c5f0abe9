import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Bank accounts known to connectors, bank entries, and where each entry was delivered: every entry
 * ends in exactly one file, either a connector export batch or the office's global file.
 */
export class BankEntriesAndExports1732300000002 implements MigrationInterface {
  name = 'BankEntriesAndExports1732300000002';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `ALTER TABLE connector ADD COLUMN export_format text NOT NULL DEFAULT 'CSV' CHECK (export_format IN ('FEC', 'CSV'))`,
    );
    // An IBAN is one account, held by one client dossier of one office once activated.
    await q.query(`
      CREATE TABLE bank_account (
        iban text PRIMARY KEY,
        office_id text NOT NULL,
        client_id uuid NOT NULL,
        bank_account_id uuid,
        bank_id uuid,
        activated_at timestamptz NOT NULL,
        activated_by text NOT NULL CHECK (activated_by IN ('MANDATES_EVENT', 'BANK_PARTNER'))
      )`);
    await q.query(`CREATE INDEX bank_account_client_idx ON bank_account (office_id, client_id)`);
    await q.query(`
      CREATE TABLE export_batch (
        id uuid PRIMARY KEY,
        office_id text NOT NULL,
        connector_id uuid NOT NULL REFERENCES connector (id),
        software_id text NOT NULL,
        client_id uuid NOT NULL,
        client_code text NOT NULL,
        format text NOT NULL CHECK (format IN ('FEC', 'CSV')),
        business_date date NOT NULL,
        entry_count int NOT NULL DEFAULT 0,
        total_credit_cents bigint NOT NULL DEFAULT 0,
        total_debit_cents bigint NOT NULL DEFAULT 0,
        status text NOT NULL CHECK (status IN ('PRODUCED', 'DELIVERED', 'FAILED')),
        produced_at timestamptz NOT NULL,
        status_changed_at timestamptz NOT NULL,
        failure_reason text,
        UNIQUE (connector_id, client_id, business_date)
      )`);
    await q.query(`CREATE INDEX export_batch_office_idx ON export_batch (office_id, produced_at, id)`);
    await q.query(`CREATE INDEX export_batch_software_idx ON export_batch (software_id, produced_at, id)`);
    await q.query(`
      CREATE TABLE global_file (
        id uuid PRIMARY KEY,
        office_id text NOT NULL,
        business_date date NOT NULL,
        entry_count int NOT NULL DEFAULT 0,
        client_count int NOT NULL DEFAULT 0,
        total_credit_cents bigint NOT NULL DEFAULT 0,
        total_debit_cents bigint NOT NULL DEFAULT 0,
        produced_at timestamptz NOT NULL,
        UNIQUE (office_id, business_date)
      )`);
    await q.query(`
      CREATE TABLE bank_entry (
        seq bigserial PRIMARY KEY,
        id uuid NOT NULL UNIQUE,
        office_id text NOT NULL,
        client_id uuid NOT NULL,
        iban text NOT NULL,
        bank_id uuid NOT NULL,
        bank_reference text NOT NULL,
        booking_date date NOT NULL,
        amount_cents bigint NOT NULL CHECK (amount_cents <> 0),
        currency text NOT NULL,
        label text NOT NULL,
        counterparty_name text,
        counterparty_iban text,
        received_at timestamptz NOT NULL,
        export_id uuid REFERENCES export_batch (id),
        global_file_id uuid REFERENCES global_file (id),
        CHECK (export_id IS NULL OR global_file_id IS NULL),
        UNIQUE (iban, bank_reference)
      )`);
    await q.query(
      `CREATE INDEX bank_entry_pending_idx ON bank_entry (office_id, client_id, seq) WHERE export_id IS NULL AND global_file_id IS NULL`,
    );
    await q.query(
      `CREATE INDEX bank_entry_export_idx ON bank_entry (export_id, seq) WHERE export_id IS NOT NULL`,
    );
    await q.query(
      `CREATE INDEX bank_entry_global_idx ON bank_entry (global_file_id, seq) WHERE global_file_id IS NOT NULL`,
    );
    await q.query(
      `CREATE INDEX bank_entry_client_date_idx ON bank_entry (office_id, client_id, booking_date, seq)`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE bank_entry`);
    await q.query(`DROP TABLE global_file`);
    await q.query(`DROP TABLE export_batch`);
    await q.query(`DROP TABLE bank_account`);
    await q.query(`ALTER TABLE connector DROP COLUMN export_format`);
  }
}

import type { MigrationInterface, QueryRunner } from 'typeorm';

/** CODA mandates and their bank accounts, SODA mandates, CARO orders, their history, office settings. */
export class CreateMandates1732300000002 implements MigrationInterface {
  name = 'CreateMandates1732300000002';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE office_mandate_settings (
        office_id text PRIMARY KEY,
        management_mode text NOT NULL CHECK (management_mode IN ('OFFICE', 'PLATFORM')),
        updated_by text NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE coda_mandate (
        id uuid PRIMARY KEY,
        office_id text NOT NULL,
        client_id uuid NOT NULL,
        bank_id uuid NOT NULL REFERENCES bank (id),
        state text NOT NULL,
        state_reason text,
        document_version int NOT NULL DEFAULT 0,
        document_data jsonb,
        document_client_version int,
        to_be_presented_again boolean NOT NULL DEFAULT false,
        signed_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX coda_mandate_office_client_idx ON coda_mandate (office_id, client_id)`);
    await q.query(`CREATE INDEX coda_mandate_bank_idx ON coda_mandate (bank_id, state)`);
    await q.query(`
      CREATE TABLE bank_account (
        id uuid PRIMARY KEY,
        coda_mandate_id uuid NOT NULL REFERENCES coda_mandate (id),
        office_id text NOT NULL,
        client_id uuid NOT NULL,
        bank_id uuid NOT NULL,
        iban text NOT NULL,
        state text NOT NULL,
        activated_at timestamptz,
        updated_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (coda_mandate_id, iban)
      )`);
    await q.query(`CREATE INDEX bank_account_office_iban_idx ON bank_account (office_id, iban)`);
    await q.query(`
      CREATE TABLE signature_request (
        id uuid PRIMARY KEY,
        coda_mandate_id uuid NOT NULL REFERENCES coda_mandate (id),
        office_id text NOT NULL,
        token text NOT NULL UNIQUE,
        document_version int NOT NULL,
        status text NOT NULL CHECK (status IN ('PENDING', 'COMPLETED')),
        signer_name text,
        expires_at timestamptz NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        completed_at timestamptz
      )`);
    await q.query(`
      CREATE TABLE soda_mandate (
        id uuid PRIMARY KEY,
        order_id uuid NOT NULL,
        office_id text NOT NULL,
        client_id uuid NOT NULL,
        social_secretariat_id uuid NOT NULL REFERENCES social_secretariat (id),
        software_id uuid NOT NULL REFERENCES mandate_software (id),
        state text NOT NULL,
        state_reason text,
        reminder_count int NOT NULL DEFAULT 0,
        last_requested_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX soda_mandate_office_client_idx ON soda_mandate (office_id, client_id)`);
    await q.query(`CREATE INDEX soda_mandate_secretariat_idx ON soda_mandate (social_secretariat_id, state)`);
    await q.query(
      `CREATE UNIQUE INDEX soda_mandate_open_uq ON soda_mandate (client_id, social_secretariat_id) WHERE state <> 'ARCHIVED'`,
    );
    await q.query(`
      CREATE TABLE soda_affiliation (
        enterprise_number text NOT NULL,
        social_secretariat_id uuid NOT NULL REFERENCES social_secretariat (id),
        affiliated boolean NOT NULL,
        reported_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (enterprise_number, social_secretariat_id)
      )`);
    await q.query(`
      CREATE TABLE caro_order (
        id uuid PRIMARY KEY,
        office_id text NOT NULL,
        client_id uuid NOT NULL,
        bank_id uuid NOT NULL REFERENCES bank (id),
        client_reference text NOT NULL,
        cardholder_email text NOT NULL,
        cardholder_mobile text NOT NULL,
        iban text,
        state text NOT NULL,
        state_reason text,
        invitation_token text NOT NULL UNIQUE,
        invited_at timestamptz NOT NULL,
        invitation_expires_at timestamptz NOT NULL,
        reminders_sent int NOT NULL DEFAULT 0,
        last_document_date date,
        replaces_id uuid REFERENCES caro_order (id),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX caro_order_office_client_idx ON caro_order (office_id, client_id)`);
    await q.query(`CREATE INDEX caro_order_office_state_idx ON caro_order (office_id, state, client_id)`);
    await q.query(
      `CREATE UNIQUE INDEX caro_order_open_uq ON caro_order (client_id, bank_id, client_reference) WHERE state <> 'CANCELLED'`,
    );
    await q.query(`
      CREATE TABLE mandate_history (
        id bigserial PRIMARY KEY,
        aggregate text NOT NULL CHECK (aggregate IN ('CODA', 'BANK_ACCOUNT', 'SODA', 'CARO')),
        aggregate_id uuid NOT NULL,
        office_id text NOT NULL,
        from_state text,
        to_state text NOT NULL,
        reason text,
        actor text NOT NULL,
        at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX mandate_history_aggregate_idx ON mandate_history (aggregate_id, id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of [
      'mandate_history',
      'caro_order',
      'soda_affiliation',
      'soda_mandate',
      'signature_request',
      'bank_account',
      'coda_mandate',
      'office_mandate_settings',
    ]) {
      await q.query(`DROP TABLE ${t}`);
    }
  }
}

import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Voucher users and wallets, prestations and their history, remises, pickups, billing. */
export class CreatePrestationsAndBilling1732300000003 implements MigrationInterface {
  name = 'CreatePrestationsAndBilling1732300000003';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE voucher_user (
        id uuid PRIMARY KEY,
        office_id text NOT NULL,
        registered_by_company_id uuid NOT NULL REFERENCES approved_company (id),
        first_name text NOT NULL,
        last_name text NOT NULL,
        email text NOT NULL,
        created_at timestamptz NOT NULL
      )`);
    await q.query(`CREATE UNIQUE INDEX voucher_user_office_email_uq ON voucher_user (office_id, email)`);
    await q.query(`
      CREATE TABLE voucher_order (
        id uuid PRIMARY KEY,
        office_id text NOT NULL,
        voucher_user_id uuid NOT NULL REFERENCES voucher_user (id),
        quantity int NOT NULL CHECK (quantity BETWEEN 1 AND 500),
        unit_price_cents int NOT NULL,
        total_cents int NOT NULL,
        expires_on date NOT NULL,
        created_at timestamptz NOT NULL
      )`);
    await q.query(`CREATE INDEX voucher_order_user_idx ON voucher_order (voucher_user_id, created_at DESC)`);
    // One row per voucher (one hour). prestation_id is set once: the attribution.
    await q.query(`
      CREATE TABLE voucher (
        id uuid PRIMARY KEY,
        office_id text NOT NULL,
        voucher_user_id uuid NOT NULL REFERENCES voucher_user (id),
        order_id uuid NOT NULL REFERENCES voucher_order (id),
        expires_on date NOT NULL,
        prestation_id uuid,
        attributed_at timestamptz,
        attribution_round int,
        reimbursement_request_id uuid
      )`);
    await q.query(
      `CREATE INDEX voucher_wallet_idx ON voucher (voucher_user_id, expires_on, id) WHERE prestation_id IS NULL`,
    );
    await q.query(
      `CREATE INDEX voucher_prestation_idx ON voucher (prestation_id) WHERE prestation_id IS NOT NULL`,
    );
    await q.query(`
      CREATE TABLE prestation (
        id uuid PRIMARY KEY,
        office_id text NOT NULL,
        company_id uuid NOT NULL REFERENCES approved_company (id),
        worker_id uuid NOT NULL REFERENCES worker (id),
        voucher_user_id uuid NOT NULL REFERENCES voucher_user (id),
        performed_on date NOT NULL,
        hours int NOT NULL CHECK (hours BETWEEN 1 AND 12),
        activity text NOT NULL,
        encoded_by text NOT NULL,
        state text NOT NULL,
        period_ends_on date NOT NULL,
        vouchers_attributed int NOT NULL DEFAULT 0,
        vouchers_reimbursement_requested int NOT NULL DEFAULT 0,
        attribution_rounds int NOT NULL DEFAULT 0,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL,
        version int NOT NULL,
        CHECK (vouchers_attributed <= hours AND vouchers_reimbursement_requested <= vouchers_attributed)
      )`);
    // Lists (newest first, scanned backwards) and the export (oldest first) of a company.
    await q.query(`CREATE INDEX prestation_company_idx ON prestation (company_id, created_at, id)`);
    await q.query(`CREATE INDEX prestation_user_idx ON prestation (voucher_user_id, state, created_at)`);
    await q.query(
      `CREATE INDEX prestation_period_idx ON prestation (period_ends_on) WHERE state IN ('ENCODED','CONFIRMED','VALIDATED','CORRECTED')`,
    );
    await q.query(`
      CREATE TABLE prestation_history (
        id bigserial PRIMARY KEY,
        prestation_id uuid NOT NULL REFERENCES prestation (id),
        from_state text,
        to_state text NOT NULL,
        action text NOT NULL,
        actor text NOT NULL,
        reason text,
        vouchers_attributed int NOT NULL,
        vouchers_reimbursement_requested int NOT NULL,
        at timestamptz NOT NULL
      )`);
    await q.query(`CREATE INDEX prestation_history_idx ON prestation_history (prestation_id, id)`);
    await q.query(`
      CREATE TABLE reimbursement_request (
        id uuid PRIMARY KEY,
        office_id text NOT NULL,
        company_id uuid NOT NULL REFERENCES approved_company (id),
        state text NOT NULL,
        voucher_count int NOT NULL,
        amount_cents bigint NOT NULL,
        created_at timestamptz NOT NULL
      )`);
    await q.query(
      `CREATE INDEX reimbursement_request_company_idx ON reimbursement_request (company_id, created_at DESC)`,
    );
    await q.query(`
      CREATE TABLE reimbursement_request_line (
        request_id uuid NOT NULL REFERENCES reimbursement_request (id),
        prestation_id uuid NOT NULL REFERENCES prestation (id),
        voucher_count int NOT NULL,
        PRIMARY KEY (request_id, prestation_id)
      )`);
    await q.query(`
      CREATE TABLE paper_voucher_pickup (
        id uuid PRIMARY KEY,
        office_id text NOT NULL,
        company_id uuid NOT NULL REFERENCES approved_company (id),
        pickup_on date NOT NULL,
        envelope_count int NOT NULL,
        voucher_count int NOT NULL,
        state text NOT NULL,
        created_at timestamptz NOT NULL
      )`);
    await q.query(
      `CREATE INDEX paper_voucher_pickup_company_idx ON paper_voucher_pickup (company_id, created_at DESC)`,
    );
    await q.query(`
      CREATE TABLE direct_debit_request (
        id uuid PRIMARY KEY,
        office_id text NOT NULL,
        company_id uuid NOT NULL REFERENCES approved_company (id),
        iban text NOT NULL,
        account_holder text NOT NULL,
        state text NOT NULL,
        reason text,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL
      )`);
    // At most one open (requested or active) direct debit per company.
    await q.query(
      `CREATE UNIQUE INDEX direct_debit_open_uq ON direct_debit_request (company_id) WHERE state IN ('REQUESTED','ACTIVE')`,
    );
    await q.query(`
      CREATE TABLE invoice (
        id uuid PRIMARY KEY,
        office_id text NOT NULL,
        company_id uuid,
        number text NOT NULL UNIQUE,
        period text NOT NULL,
        state text NOT NULL,
        payment_method text NOT NULL,
        subtotal_cents bigint NOT NULL,
        vat_cents bigint NOT NULL,
        total_cents bigint NOT NULL,
        issued_at timestamptz NOT NULL,
        due_on date NOT NULL
      )`);
    // One invoice per customer (office, or company of the office) and month: the job is idempotent.
    await q.query(
      `CREATE UNIQUE INDEX invoice_customer_period_uq ON invoice (office_id, coalesce(company_id, '00000000-0000-0000-0000-000000000000'::uuid), period)`,
    );
    await q.query(`CREATE SEQUENCE invoice_number_seq`);
    // Chargeable items waiting for (or written on) an invoice; source_ref makes each charge happen once.
    await q.query(`
      CREATE TABLE billing_line (
        id uuid PRIMARY KEY,
        office_id text NOT NULL,
        company_id uuid,
        kind text NOT NULL,
        description text NOT NULL,
        quantity int NOT NULL,
        unit_cents bigint NOT NULL,
        amount_cents bigint NOT NULL,
        occurred_on date NOT NULL,
        source_ref text NOT NULL UNIQUE,
        invoice_id uuid REFERENCES invoice (id)
      )`);
    await q.query(
      `CREATE INDEX billing_line_open_idx ON billing_line (occurred_on) WHERE invoice_id IS NULL`,
    );
    // SODA mandates as billing sees them (from the mandates domain's events).
    await q.query(`
      CREATE TABLE soda_mandate_billing (
        mandate_id text PRIMARY KEY,
        office_id text NOT NULL,
        activated_on date,
        ended_on date,
        first_file_on date
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of [
      'soda_mandate_billing',
      'billing_line',
      'invoice',
      'direct_debit_request',
      'paper_voucher_pickup',
      'reimbursement_request_line',
      'reimbursement_request',
      'prestation_history',
      'prestation',
      'voucher',
      'voucher_order',
      'voucher_user',
    ]) {
      await q.query(`DROP TABLE ${t}`);
    }
    await q.query(`DROP SEQUENCE invoice_number_seq`);
  }
}

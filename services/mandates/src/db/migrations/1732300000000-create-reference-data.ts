import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Tables of the platform's reference data: banks, social secretariats, accounting software. */
export class CreateReferenceData1732300000000 implements MigrationInterface {
  name = 'CreateReferenceData1732300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE bank (
        id uuid PRIMARY KEY,
        name text NOT NULL CHECK (length(trim(name)) > 0),
        bic text NOT NULL CHECK (bic ~ '^[A-Z]{6}[A-Z0-9]{2}([A-Z0-9]{3})?$'),
        supports_esignature boolean NOT NULL,
        supports_caro boolean NOT NULL,
        kind text NOT NULL CHECK (kind IN ('STANDARD', 'ONLINE_BANKING', 'NOT_COMPATIBLE'))
      )`);
    await q.query(`CREATE UNIQUE INDEX bank_bic_uq ON bank (bic)`);
    await q.query(`CREATE UNIQUE INDEX bank_name_uq ON bank (lower(name))`);

    await q.query(`
      CREATE TABLE social_secretariat (
        id uuid PRIMARY KEY,
        name text NOT NULL CHECK (length(trim(name)) > 0),
        is_partner boolean NOT NULL
      )`);
    await q.query(`CREATE UNIQUE INDEX social_secretariat_name_uq ON social_secretariat (lower(name))`);

    // CODA is what every software imports first, but nothing forces it: the list is what it imports.
    await q.query(`
      CREATE TABLE mandate_software (
        id uuid PRIMARY KEY,
        name text NOT NULL CHECK (length(trim(name)) > 0),
        imports text[] NOT NULL CHECK (imports <@ ARRAY['CODA', 'SODA', 'CARO']::text[])
      )`);
    await q.query(`CREATE UNIQUE INDEX mandate_software_name_uq ON mandate_software (lower(name))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE mandate_software`);
    await q.query(`DROP TABLE social_secretariat`);
    await q.query(`DROP TABLE bank`);
  }
}

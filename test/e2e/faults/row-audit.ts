import { Client } from 'pg';

/**
 * Tables that change with no request: the relay marks outbox rows sent, consumers record what they
 * read (inbox, with their projections in the same transaction), jobs record their runs.
 */
const BACKGROUND_TABLES = new Set(['outbox', 'job_run', 'job_run_history', 'parked_event']);

/**
 * Records every row written in a service's database (a row trigger on each table, installed after
 * its migrations), so a test can tell which committed transactions wrote during a window (a
 * rolled-back transaction's audit rows roll back with it).
 * Test databases only: it adds a table and triggers to the schema.
 */
export class RowAudit {
  private constructor(
    private readonly db: Client,
    private readonly name: string,
  ) {}

  static async install(name: string, databaseUrl: string): Promise<RowAudit> {
    const db = new Client({ connectionString: databaseUrl });
    await db.connect();
    await db.query(`
      CREATE TABLE zz_row_audit (id bigserial PRIMARY KEY, tbl text NOT NULL, op text NOT NULL,
        txid bigint NOT NULL DEFAULT txid_current());
      CREATE FUNCTION zz_row_audit() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO zz_row_audit (tbl, op) VALUES (TG_TABLE_NAME, TG_OP);
        RETURN NULL;
      END $$;
      DO $$
      DECLARE t record;
      BEGIN
        FOR t IN SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename <> 'zz_row_audit' LOOP
          EXECUTE format('CREATE TRIGGER zz_row_audit AFTER INSERT OR UPDATE OR DELETE ON %I
            FOR EACH ROW EXECUTE FUNCTION zz_row_audit()', t.tablename);
        END LOOP;
      END $$;`);
    return new RowAudit(db, name);
  }

  /** Where the record stands now: writes after this mark belong to the next window. */
  async mark(): Promise<number> {
    const { rows } = await this.db.query<{ id: string | null }>(`SELECT max(id) AS id FROM zz_row_audit`);
    return Number(rows[0]?.id ?? 0);
  }

  /**
   * Tables written since `mark` by transactions a request made: neither a consumer's (it records the
   * message in `inbox`) nor the relay's or a job's bookkeeping. A transaction is judged by all it
   * wrote, before the mark too: a consumer's long batch can write its `inbox` rows before the mark
   * and its projection rows after it (a consumer catching up with a burst of events, say).
   */
  async requestWritesSince(mark: number): Promise<string[]> {
    const { rows } = await this.db.query<{ tables: string[]; since: string[] }>(
      `SELECT array_agg(DISTINCT a.tbl) AS tables, array_agg(DISTINCT a.tbl) FILTER (WHERE a.id > $1) AS since
       FROM zz_row_audit a
       WHERE a.txid IN (SELECT txid FROM zz_row_audit WHERE id > $1)
       GROUP BY a.txid`,
      [mark],
    );
    return rows
      .filter((r) => !r.tables.includes('inbox') && !r.tables.every((t) => BACKGROUND_TABLES.has(t)))
      .flatMap((r) => r.since.map((t) => `${this.name}.${t}`));
  }

  async close(): Promise<void> {
    await this.db.end();
  }
}

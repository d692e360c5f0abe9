import type { EntityManager } from 'typeorm';
import { wallClockOf } from '@fidu/service-kit';
import { exportProduced, publish, type ProducedFile } from '../events/connector-events';

/**
 * Entries not yet in any file, booked on or before the business date (parameter `$d`), up to the
 * watermark (parameter `$n`): a date's export carries every earlier entry that arrived late, and an
 * entry booked after that date waits for its own date's run.
 */
const pending = (n: number, d: number) =>
  `e.export_id IS NULL AND e.global_file_id IS NULL AND e.seq <= $${n}::bigint AND e.booking_date <= $${d}::date`;

/** A dossier with a live association to an active connector. */
const ASSOCIATED = `EXISTS (SELECT 1 FROM connector_association a JOIN connector c ON c.id = a.connector_id AND c.state = 'ACTIVE'
  WHERE a.office_id = e.office_id AND a.client_id = e.client_id AND a.ended_at IS NULL)`;

interface Totals {
  id: string;
  officeId: string;
  entryCount: number;
  totalCreditCents: string;
  totalDebitCents: string;
}

/**
 * Routes every pending entry into exactly one file, set-based (a handful of statements whatever
 * the volume), in the job's transaction:
 * 1. each associated dossier with pending entries gets an export batch for its connector's software;
 * 2. every other pending entry goes to its office's global file of the day — so entries of
 *    associated dossiers are never in a global file (no double delivery), and an office whose
 *    dossiers are all associated gets no global file.
 * A watermark (highest entry seq at the start) keeps the run to what was there when it began; an
 * entry committed late by a concurrent delivery waits for the next run rather than being misrouted.
 */
export async function runDailyExport(em: EntityManager, now: Date): Promise<string> {
  const businessDate = wallClockOf(now).date;
  const [{ watermark }] = (await em.query(
    `SELECT coalesce(max(seq), 0)::text AS watermark FROM bank_entry`,
  )) as [{ watermark: string }];

  const batches = (await em.query(
    `INSERT INTO export_batch (id, office_id, connector_id, software_id, client_id, client_code, format, business_date, status,
       produced_at, status_changed_at)
     SELECT gen_random_uuid(), a.office_id, c.id, c.software_id, a.client_id, coalesce(d.client_code, ''), c.export_format, $1::date,
            'PRODUCED', $2::timestamptz, $2::timestamptz
       FROM connector_association a
       JOIN connector c ON c.id = a.connector_id AND c.state = 'ACTIVE'
       LEFT JOIN client_directory d ON d.client_id = a.client_id
      WHERE a.ended_at IS NULL
        AND EXISTS (SELECT 1 FROM bank_entry e WHERE e.office_id = a.office_id AND e.client_id = a.client_id AND ${pending(3, 1)})
     ON CONFLICT (connector_id, client_id, business_date) DO NOTHING
     RETURNING id`,
    [businessDate, now, watermark],
  )) as { id: string }[];
  const batchIds = batches.map((b) => b.id);
  await em.query(
    `UPDATE bank_entry e SET export_id = b.id FROM export_batch b
      WHERE b.id = ANY($2::uuid[]) AND e.office_id = b.office_id AND e.client_id = b.client_id AND ${pending(1, 3)}`,
    [watermark, batchIds, businessDate],
  );
  const exported = (await em.query(
    `UPDATE export_batch b SET entry_count = s.n, total_credit_cents = s.credit, total_debit_cents = s.debit
       FROM (SELECT export_id, count(*)::int AS n, coalesce(sum(amount_cents) FILTER (WHERE amount_cents > 0), 0) AS credit,
                    coalesce(-sum(amount_cents) FILTER (WHERE amount_cents < 0), 0) AS debit
               FROM bank_entry WHERE export_id = ANY($1::uuid[]) GROUP BY export_id) s
      WHERE b.id = s.export_id
      RETURNING b.id, b.office_id AS "officeId", b.connector_id AS "connectorId", b.software_id AS "softwareId",
        b.client_id AS "clientId", b.format, b.entry_count AS "entryCount", b.total_credit_cents::text AS "totalCreditCents",
        b.total_debit_cents::text AS "totalDebitCents"`,
    [batchIds],
  )) as [(Totals & { connectorId: string; softwareId: string; clientId: string; format: string })[], number];

  const globals = (await em.query(
    `INSERT INTO global_file (id, office_id, business_date, produced_at)
     SELECT gen_random_uuid(), o.office_id, $1::date, $2::timestamptz
       FROM (SELECT DISTINCT e.office_id FROM bank_entry e WHERE ${pending(3, 1)} AND NOT ${ASSOCIATED}) o
     ON CONFLICT (office_id, business_date) DO NOTHING
     RETURNING id`,
    [businessDate, now, watermark],
  )) as { id: string }[];
  const globalIds = globals.map((g) => g.id);
  await em.query(
    `UPDATE bank_entry e SET global_file_id = g.id FROM global_file g
      WHERE g.id = ANY($2::uuid[]) AND e.office_id = g.office_id AND ${pending(1, 3)} AND NOT ${ASSOCIATED}`,
    [watermark, globalIds, businessDate],
  );
  const globalTotals = (await em.query(
    `UPDATE global_file g SET entry_count = s.n, client_count = s.clients, total_credit_cents = s.credit, total_debit_cents = s.debit
       FROM (SELECT global_file_id, count(*)::int AS n, count(DISTINCT client_id)::int AS clients,
                    coalesce(sum(amount_cents) FILTER (WHERE amount_cents > 0), 0) AS credit,
                    coalesce(-sum(amount_cents) FILTER (WHERE amount_cents < 0), 0) AS debit
               FROM bank_entry WHERE global_file_id = ANY($1::uuid[]) GROUP BY global_file_id) s
      WHERE g.id = s.global_file_id
      RETURNING g.id, g.office_id AS "officeId", g.entry_count AS "entryCount", g.total_credit_cents::text AS "totalCreditCents",
        g.total_debit_cents::text AS "totalDebitCents"`,
    [globalIds],
  )) as [Totals[], number];

  const files: ProducedFile[] = [
    ...exported[0].map((b) => ({ ...b, kind: 'CONNECTOR' as const, businessDate })),
    // The global file is offered in both layouts; CSV is what its event names.
    ...globalTotals[0].map((g) => ({ ...g, kind: 'GLOBAL_FILE' as const, businessDate, format: 'CSV' })),
  ];
  await publish(em, files.map(exportProduced));
  const entries = files.reduce((n, f) => n + f.entryCount, 0);
  return `${businessDate}: ${exported[0].length} connector exports, ${globalTotals[0].length} global files, ${entries} entries`;
}

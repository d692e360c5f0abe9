import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { addDays, appendToOutbox, wallClockOf } from '@fidu/service-kit';
import { firstDayAfter, previousMonth, SODA_MONTHLY_FEE_CENTS, vatOf } from '../domain/billing-rules';
import { invoiceIssuedEvent } from '../events/invoice-events';

/**
 * Issues the invoices of the month before `now` (Brussels): adds the SODA monthly fee of every
 * office with a SODA mandate active during that month, then gathers every line not yet invoiced
 * up to the end of that month into one invoice per customer (the office, or one of its companies).
 * Idempotent: the job runs once per month (job_run), fee lines have unique source refs, and an
 * invoice is unique per customer and month.
 */
export async function generateMonthlyInvoices(em: EntityManager, now: Date): Promise<string> {
  const period = previousMonth(wallClockOf(now).date);
  const start = `${period}-01`;
  const end = firstDayAfter(period);
  const lastDay = addDays(end, -1);
  await em.query(
    `INSERT INTO billing_line (id, office_id, company_id, kind, description, quantity, unit_cents, amount_cents, occurred_on, source_ref)
     SELECT gen_random_uuid(), office_id, NULL, 'SODA_MONTHLY_FEE', $4, 1, $5, $5, $3::date, 'soda-monthly:' || office_id || ':' || $6
     FROM soda_mandate_billing
     WHERE activated_on < $2::date AND (ended_on IS NULL OR ended_on >= $1::date)
     GROUP BY office_id
     ON CONFLICT (source_ref) DO NOTHING`,
    [start, end, lastDay, `Abonnement mensuel SODA ${period}`, SODA_MONTHLY_FEE_CENTS, period],
  );
  const customers = (await em.query(
    `SELECT office_id AS "officeId", company_id AS "companyId", sum(amount_cents)::bigint AS subtotal, count(*)::int AS lines
     FROM billing_line WHERE invoice_id IS NULL AND occurred_on < $1::date
     GROUP BY office_id, company_id ORDER BY office_id, company_id NULLS FIRST`,
    [end],
  )) as { officeId: string; companyId: string | null; subtotal: string; lines: number }[];
  let issued = 0;
  for (const c of customers) {
    const id = randomUUID();
    const subtotal = Number(c.subtotal);
    const vat = vatOf(subtotal);
    const [{ seq }] = (await em.query(`SELECT nextval('invoice_number_seq')::int AS seq`)) as [
      { seq: number },
    ];
    const number = `${period}-${String(seq).padStart(6, '0')}`;
    // A company with an active direct debit (billing tab) pays by debit; everyone else by transfer.
    const debit = c.companyId
      ? ((await em.query(`SELECT 1 FROM direct_debit_request WHERE company_id = $1 AND state = 'ACTIVE'`, [
          c.companyId,
        ])) as unknown[])
      : [];
    const inserted = (await em.query(
      `INSERT INTO invoice (id, office_id, company_id, number, period, state, payment_method, subtotal_cents, vat_cents, total_cents,
         issued_at, due_on)
       VALUES ($1, $2, $3, $4, $5, 'ISSUED', $6, $7, $8, $9, $10, $11) ON CONFLICT DO NOTHING RETURNING id`,
      [
        id,
        c.officeId,
        c.companyId,
        number,
        period,
        debit.length > 0 ? 'DIRECT_DEBIT' : 'TRANSFER',
        subtotal,
        vat,
        subtotal + vat,
        now,
        addDays(wallClockOf(now).date, 30),
      ],
    )) as unknown[];
    if (inserted.length === 0) continue;
    await em.query(
      `UPDATE billing_line SET invoice_id = $1
       WHERE invoice_id IS NULL AND occurred_on < $2::date AND office_id = $3 AND company_id IS NOT DISTINCT FROM $4`,
      [id, end, c.officeId, c.companyId],
    );
    await appendToOutbox(em, [
      invoiceIssuedEvent({
        id,
        officeId: c.officeId,
        companyId: c.companyId,
        number,
        period,
        totalCents: subtotal + vat,
        lineCount: c.lines,
        issuedAt: now,
      }),
    ]);
    issued++;
  }
  return `${issued} invoice(s) issued for ${period}`;
}

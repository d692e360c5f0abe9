import { addDays } from '@fidu/service-kit/domain';

/**
 * Platform billing's internal interface: the chargeable facts billing understands, whatever
 * domain event they come from (see events/on-soda-mandate-event.ts for the mapping). Connectors are
 * free, so no fact exists for them.
 */
export type ChargeableFact =
  /** A SODA mandate of the office became active: the office pays the monthly fee from that month. */
  | { kind: 'SODA_MANDATE_ACTIVATED'; officeId: string; mandateId: string; on: string }
  /** A SODA mandate stopped (archived after being active): no monthly fee after that month. */
  | { kind: 'SODA_MANDATE_ENDED'; officeId: string; mandateId: string; on: string }
  /** The first payroll file of a SODA mandate was delivered: a one-time charge per mandate. */
  | { kind: 'SODA_MANDATE_FIRST_FILE'; officeId: string; mandateId: string; on: string };

/** Fixed monthly fee of an office with at least one active SODA mandate in the month (cents, excl. VAT). */
export const SODA_MONTHLY_FEE_CENTS = 1500;
/** One-time charge per SODA mandate on its first file (cents, excl. VAT). */
export const SODA_FIRST_FILE_CENTS = 2500;
/** Belgian VAT rate on platform services. */
export const VAT_RATE_PERCENT = 21;

/** VAT of a subtotal in cents, rounded half up to the cent. */
export function vatOf(subtotalCents: number): number {
  return Math.round((subtotalCents * VAT_RATE_PERCENT) / 100);
}

/** The month before the Brussels date `date` (YYYY-MM-DD) as YYYY-MM. */
export function previousMonth(date: string): string {
  const [y, m] = date.split('-').map(Number) as [number, number];
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
}

/** First day of the month after `month` (YYYY-MM), as YYYY-MM-DD. */
export function firstDayAfter(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, '0')}-01`;
}

/** First and last day of the billed month (YYYY-MM). */
export function periodBounds(period: string): { start: string; end: string } {
  return { start: `${period}-01`, end: addDays(firstDayAfter(period), -1) };
}

/**
 * Payment is followed outside the platform for now, so an invoice is never known to be paid:
 * it is DUE until its due date (Brussels), OVERDUE after.
 */
export function paymentStateOf(dueOn: string, today: string): 'DUE' | 'OVERDUE' {
  return today > dueOn ? 'OVERDUE' : 'DUE';
}

/**
 * The services a client can order: `CODA` bank statements, `SODA` payroll
 * entries from a social secretariat, `CARO` credit-card statements. An accounting software
 * imports some of them, not necessarily all (e.g. Yuki does not import SODA).
 */
export const MANDATE_SERVICES = ['CODA', 'SODA', 'CARO'] as const;

/** One of {@link MANDATE_SERVICES}. */
export type MandateService = (typeof MANDATE_SERVICES)[number];

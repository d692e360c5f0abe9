import { isValidIban, normalizeIban, ValidationError } from '@fidu/service-kit/domain';

/** A bank entry (écriture) as a bank partner sends it. */
export interface BankEntryInput {
  bookingDate: string;
  amountCents: number;
  currency: string;
  label: string;
  counterpartyName?: string | null;
  counterpartyIban?: string | null;
  bankReference: string;
}

/** A checked entry, normalized for storage. */
export interface ValidBankEntry {
  bookingDate: string;
  amountCents: number;
  currency: string;
  label: string;
  counterpartyName: string | null;
  counterpartyIban: string | null;
  bankReference: string;
}

/**
 * Entries per call: 150 entries of the longest allowed fields stay under the gateway's 100 KB body
 * limit; a bank splits a bigger day into several calls (each idempotent).
 */
export const MAX_ENTRIES_PER_CALL = 150;

type Problem = { field: string; code: string; message: string };

// Tabs and line breaks would break the FEC and CSV layouts: refuse every control character.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f]/;

function isIsoDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
}

function text(
  value: string | null | undefined,
  field: string,
  max: number,
  required: boolean,
  problems: Problem[],
): string | null {
  const v = (value ?? '').trim();
  if (v === '') {
    if (required)
      problems.push({ field, code: 'BANK_ENTRY_FIELD_REQUIRED', message: `${field} is required.` });
    return null;
  }
  if (v.length > max)
    problems.push({
      field,
      code: 'BANK_ENTRY_FIELD_TOO_LONG',
      message: `${field} has at most ${max} characters.`,
    });
  else if (CONTROL.test(v))
    problems.push({
      field,
      code: 'BANK_ENTRY_FIELD_INVALID',
      message: `${field} may not contain control characters (tabs, line breaks).`,
    });
  return v;
}

/** The IBAN the entries are for: normalized and checked (ISO 13616). */
export function parseIban(value: string, field = 'iban'): string {
  const iban = normalizeIban(value);
  if (!isValidIban(iban)) {
    throw new ValidationError([
      { field, code: 'BANK_ACCOUNT_IBAN_INVALID', message: 'Not a valid IBAN (ISO 13616 check failed).' },
    ]);
  }
  return iban;
}

/**
 * Checks a delivery of entries as a whole: a malformed entry refuses the delivery, every problem
 * listed, so the bank fixes and resends it and nothing half-stored has to be reconciled.
 * `today` bounds booking dates: an entry cannot be booked after tomorrow (time-zone slack).
 */
export function validateBankEntries(entries: readonly BankEntryInput[], today: string): ValidBankEntry[] {
  if (entries.length === 0 || entries.length > MAX_ENTRIES_PER_CALL) {
    throw new ValidationError([
      {
        field: 'entries',
        code: 'BANK_ENTRY_COUNT_INVALID',
        message: `Send between 1 and ${MAX_ENTRIES_PER_CALL} entries at once.`,
      },
    ]);
  }
  const problems: Problem[] = [];
  const seen = new Map<string, number>();
  const tomorrow = new Date(Date.parse(`${today}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
  const valid = entries.map((e, i) => {
    const at = (f: string) => `entries.${i}.${f}`;
    if (!isIsoDate(e.bookingDate)) {
      problems.push({
        field: at('bookingDate'),
        code: 'BANK_ENTRY_DATE_INVALID',
        message: 'bookingDate must be a date YYYY-MM-DD.',
      });
    } else if (e.bookingDate > tomorrow) {
      problems.push({
        field: at('bookingDate'),
        code: 'BANK_ENTRY_DATE_IN_FUTURE',
        message: 'bookingDate cannot be in the future.',
      });
    }
    if (!Number.isSafeInteger(e.amountCents) || e.amountCents === 0) {
      problems.push({
        field: at('amountCents'),
        code: 'BANK_ENTRY_AMOUNT_INVALID',
        message: 'amountCents must be a non-zero whole number of cents.',
      });
    }
    const currency = (e.currency ?? '').trim().toUpperCase();
    if (!/^[A-Z]{3}$/.test(currency)) {
      problems.push({
        field: at('currency'),
        code: 'BANK_ENTRY_CURRENCY_INVALID',
        message: 'currency must be an ISO 4217 code, e.g. EUR.',
      });
    }
    const label = text(e.label, at('label'), 140, true, problems);
    const counterpartyName = text(e.counterpartyName, at('counterpartyName'), 70, false, problems);
    let counterpartyIban: string | null = null;
    if (e.counterpartyIban && e.counterpartyIban.trim() !== '') {
      counterpartyIban = normalizeIban(e.counterpartyIban);
      if (!isValidIban(counterpartyIban)) {
        problems.push({
          field: at('counterpartyIban'),
          code: 'BANK_ENTRY_COUNTERPARTY_IBAN_INVALID',
          message: 'counterpartyIban is not a valid IBAN.',
        });
      }
    }
    const bankReference = text(e.bankReference, at('bankReference'), 64, true, problems);
    if (bankReference !== null) {
      const first = seen.get(bankReference);
      if (first !== undefined) {
        problems.push({
          field: at('bankReference'),
          code: 'BANK_ENTRY_REFERENCE_DUPLICATE',
          message: `Same bankReference as entries.${first}.`,
        });
      } else seen.set(bankReference, i);
    }
    return {
      bookingDate: e.bookingDate,
      amountCents: e.amountCents,
      currency,
      label: label ?? '',
      counterpartyName,
      counterpartyIban,
      bankReference: bankReference ?? '',
    };
  });
  if (problems.length > 0) throw new ValidationError(problems);
  return valid;
}

/** Whether a stored entry is the same fact as a resent one (idempotent replay) or a conflicting one. */
export function sameEntry(a: ValidBankEntry, b: ValidBankEntry): boolean {
  return (
    a.bookingDate === b.bookingDate &&
    a.amountCents === b.amountCents &&
    a.currency === b.currency &&
    a.label === b.label &&
    (a.counterpartyName ?? null) === (b.counterpartyName ?? null) &&
    (a.counterpartyIban ?? null) === (b.counterpartyIban ?? null)
  );
}

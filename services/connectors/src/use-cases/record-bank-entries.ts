import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { DomainError, ValidationError, wallClockOf } from '@fidu/service-kit';
import { lockBankAccount } from '../db/bank-account.repository';
import {
  parseIban,
  sameEntry,
  validateBankEntries,
  type BankEntryInput,
  type ValidBankEntry,
} from '../domain/bank-entry-rules';

export interface RecordBankEntriesInput {
  iban: string;
  entries: BankEntryInput[];
}

/** A stored bank entry, as the API shows it. */
export interface BankEntryRow extends ValidBankEntry {
  id: string;
  iban: string;
  clientId: string;
  receivedAt: Date;
}

export interface RecordedBankEntries {
  iban: string;
  clientId: string;
  /** Every entry sent, in order: new ones and replays of stored ones. */
  entries: BankEntryRow[];
  createdCount: number;
  duplicateCount: number;
  /** Entries booked after mandates stopped the account: not stored, counted on the account. */
  refusedEntries: RefusedBankEntry[];
  refusedCount: number;
}

export interface RefusedBankEntry {
  bankReference: string;
  bookingDate: string;
  code: 'CONNECTOR_BANK_ACCOUNT_STOPPED';
  message: string;
}

const ROW = `id, iban, client_id AS "clientId", bank_reference AS "bankReference", to_char(booking_date, 'YYYY-MM-DD') AS "bookingDate",
  amount_cents::float8 AS "amountCents", currency, label, counterparty_name AS "counterpartyName",
  counterparty_iban AS "counterpartyIban", received_at AS "receivedAt"`;

function notActive(): DomainError {
  return new DomainError(
    'CONNECTOR_BANK_ACCOUNT_NOT_ACTIVE',
    'No active account of your bank has this IBAN: entries flow once the account is activated.',
    'iban',
  );
}

/**
 * A bank delivers entries (écritures) of one IBAN. Idempotent on the bank reference per IBAN: a
 * resent entry is recognised and not stored twice; the same reference with other content is a
 * conflict. A malformed delivery is refused whole (typed errors, every problem listed), so nothing
 * is stored. Entries are accepted only for an account mandates activated at the caller's bank, and
 * go to the office and client of that activation (never ones the bank names): an associated
 * dossier's entries flow from its activation on.
 */
export async function recordBankEntries(
  ds: DataSource,
  bankId: string,
  input: RecordBankEntriesInput,
  now = new Date(),
): Promise<RecordedBankEntries> {
  const iban = parseIban(input.iban);
  let entries = validateBankEntries(input.entries, wallClockOf(now).date);
  return ds.transaction(async (em) => {
    const account = await lockBankAccount(em, iban);
    // Only the bank mandates named when it activated the account (the bank of its CODA mandate);
    // an activation that names no bank lets nobody deliver, rather than the first bank to try.
    if (!account || account.bankId !== bankId) throw notActive();

    // A stopped account: what was booked up to the stop still flows, later entries
    // are refused one by one with a code, and counted on the account.
    const stoppedOn = account.stoppedOn;
    const refusedEntries: RefusedBankEntry[] = stoppedOn
      ? entries
          .filter((e) => e.bookingDate > stoppedOn)
          .map((e) => ({
            bankReference: e.bankReference,
            bookingDate: e.bookingDate,
            code: 'CONNECTOR_BANK_ACCOUNT_STOPPED' as const,
            message: `The account was stopped on ${stoppedOn}: entries booked after that date are refused.`,
          }))
      : [];
    if (refusedEntries.length > 0) {
      const refusedRefs = new Set(refusedEntries.map((r) => r.bankReference));
      entries = entries.filter((e) => !refusedRefs.has(e.bankReference));
      await em.query(
        `UPDATE bank_account SET refused_entry_count = refused_entry_count + $2 WHERE iban = $1`,
        [iban, refusedEntries.length],
      );
    }

    const refs = entries.map((e) => e.bankReference);
    const stored = (await em.query(
      `SELECT ${ROW} FROM bank_entry WHERE iban = $1 AND bank_reference = ANY($2)`,
      [iban, refs],
    )) as BankEntryRow[];
    const byRef = new Map(stored.map((e) => [e.bankReference, e]));
    const conflicts = entries.flatMap((e, i) => {
      const previous = byRef.get(e.bankReference);
      return previous && !sameEntry(previous, e)
        ? [
            {
              field: `entries.${i}.bankReference`,
              code: 'BANK_ENTRY_REFERENCE_CONFLICT',
              message: 'An entry with this bankReference was already received with other content.',
            },
          ]
        : [];
    });
    if (conflicts.length > 0) throw new ValidationError(conflicts);

    const fresh = entries.filter((e) => !byRef.has(e.bankReference));
    if (fresh.length > 0) {
      const inserted = (await em.query(
        `INSERT INTO bank_entry (id, office_id, client_id, iban, bank_id, bank_reference, booking_date, amount_cents, currency, label,
           counterparty_name, counterparty_iban, received_at)
         SELECT t.id, $1, $2, $3, $4, t.ref, t.d, t.amount, t.currency, t.label, t.cp_name, t.cp_iban, $5
           FROM unnest($6::uuid[], $7::text[], $8::date[], $9::bigint[], $10::text[], $11::text[], $12::text[], $13::text[])
             AS t(id, ref, d, amount, currency, label, cp_name, cp_iban)
         ON CONFLICT (iban, bank_reference) DO NOTHING
         RETURNING ${ROW}`,
        [
          account.officeId,
          account.clientId,
          iban,
          bankId,
          now,
          fresh.map(() => randomUUID()),
          fresh.map((e) => e.bankReference),
          fresh.map((e) => e.bookingDate),
          fresh.map((e) => e.amountCents),
          fresh.map((e) => e.currency),
          fresh.map((e) => e.label),
          fresh.map((e) => e.counterpartyName),
          fresh.map((e) => e.counterpartyIban),
        ],
      )) as BankEntryRow[];
      // A concurrent delivery of the same reference won the race: the bank retries and sees a replay.
      if (inserted.length !== fresh.length)
        throw new DomainError(
          'CONNECTOR_CONCURRENT_DELIVERY',
          'The same entries are being delivered concurrently: retry.',
          'entries',
        );
      for (const e of inserted) byRef.set(e.bankReference, e);
    }
    return {
      iban,
      clientId: account.clientId,
      entries: entries.map((e) => byRef.get(e.bankReference)!),
      createdCount: fresh.length,
      duplicateCount: entries.length - fresh.length,
      refusedEntries,
      refusedCount: refusedEntries.length,
    };
  });
}

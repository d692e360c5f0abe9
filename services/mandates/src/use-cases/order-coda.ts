import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { appendToOutbox, DomainError, requireUuid } from '@fidu/service-kit';
import { initialCodaState, preparedCodaState } from '../domain/coda-mandate';
import { requireIban } from '../domain/iban';
import { documentDataOf } from '../domain/mandate-document';
import { recordHistory, type HistoryEntry } from '../db/history.repository';
import { CODA_COLUMNS, type CodaMandateRow } from '../db/mandate.mapping';
import { bankAccountStateChangedEvent } from '../events/bank-account-events';
import { codaOrderedEvent } from '../events/coda-mandate-events';
import { findBank } from '../db/bank.repository';
import { requireClient } from '../db/client-directory.repository';
import type { Caller } from '../domain/caller';
import { moveCodaMandate } from './coda-transitions';

export interface OrderCodaInput {
  clientId: string;
  bankId: string;
  ibans: string[];
}

const MAX_IBANS = 20;

/**
 * Orders CODA for a client at a bank for one or more accounts. A compatible bank puts it in
 * treatment; at a STANDARD bank the platform prepares the document at once (in preparation).
 */
export async function orderCoda(
  ds: DataSource,
  officeId: string,
  input: OrderCodaInput,
  caller: Caller,
): Promise<CodaMandateRow> {
  const clientId = requireUuid(input.clientId, 'clientId');
  const bankId = requireUuid(input.bankId, 'bankId');
  if (!Array.isArray(input.ibans) || input.ibans.length === 0 || input.ibans.length > MAX_IBANS) {
    throw new DomainError(
      'CODA_IBANS_REQUIRED',
      `Name between 1 and ${MAX_IBANS} accounts (IBANs).`,
      'ibans',
    );
  }
  const ibans = input.ibans.map((iban, i) => requireIban(iban, `ibans.${i}`));
  if (new Set(ibans).size !== ibans.length)
    throw new DomainError('CODA_IBAN_DUPLICATE', 'The same IBAN is named twice.', 'ibans');

  return ds.transaction(async (em) => {
    const bank = await findBank(em, bankId);
    if (!bank) throw new DomainError('CODA_BANK_NOT_FOUND', 'No such bank.', 'bankId');
    const client = await requireClient(em, officeId, clientId);
    // Two orders racing for the same IBAN cannot both pass the check below (locks taken in IBAN order: no deadlock).
    await em.query(
      `SELECT pg_advisory_xact_lock(hashtext($1 || ':' || i)) FROM (SELECT i FROM unnest($2::text[]) AS i ORDER BY i) AS sorted`,
      [`coda-iban:${officeId}`, ibans],
    );
    const covered = (await em.query(
      `SELECT a.iban FROM bank_account a JOIN coda_mandate m ON m.id = a.coda_mandate_id
        WHERE a.office_id = $1 AND a.iban = ANY($2::text[]) AND m.state <> 'ARCHIVED'`,
      [officeId, ibans],
    )) as { iban: string }[];
    if (covered.length > 0) {
      throw new DomainError(
        'CODA_IBAN_ALREADY_COVERED',
        `${covered[0]!.iban} is already covered by a CODA mandate that is not archived.`,
        'ibans',
        {
          ibans: covered.map((c) => c.iban),
        },
      );
    }

    const id = randomUUID();
    const state = initialCodaState(bank.kind);
    const [mandate] = (await em.query(
      `INSERT INTO coda_mandate (id, office_id, client_id, bank_id, state, state_reason, document_version, document_data, document_client_version)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING ${CODA_COLUMNS}`,
      [
        id,
        officeId,
        clientId,
        bankId,
        state,
        state === 'REGISTERED' ? `${bank.name} is not compatible with CODA yet` : 'Ordered',
        state === 'REGISTERED' ? 0 : 1,
        state === 'REGISTERED' ? null : JSON.stringify(documentDataOf(client)),
        client.version,
      ],
    )) as CodaMandateRow[];
    const accounts = ibans.map((iban) => ({
      id: randomUUID(),
      codaMandateId: id,
      officeId,
      clientId,
      bankId,
      iban,
    }));
    await em.query(
      `INSERT INTO bank_account (id, coda_mandate_id, office_id, client_id, bank_id, iban, state)
       SELECT a, $2, $3, $4, $5, i, 'WAITING_FOR_SIGNED_MANDATE' FROM unnest($1::uuid[], $6::text[]) AS t(a, i)`,
      [accounts.map((a) => a.id), id, officeId, clientId, bankId, ibans],
    );
    const history: HistoryEntry[] = [
      {
        aggregate: 'CODA',
        aggregateId: id,
        officeId,
        fromState: null,
        toState: state,
        reason: mandate!.stateReason,
        actor: caller.actor,
      },
      ...accounts.map((a) => ({
        aggregate: 'BANK_ACCOUNT' as const,
        aggregateId: a.id,
        officeId,
        fromState: null,
        toState: 'WAITING_FOR_SIGNED_MANDATE',
        reason: 'Ordered with the CODA mandate',
        actor: caller.actor,
      })),
    ];
    await recordHistory(em, history);
    const meta = { reason: 'Ordered', ...caller };
    await appendToOutbox(em, [
      codaOrderedEvent(mandate!, ibans, state, meta),
      ...accounts.map((a) =>
        bankAccountStateChangedEvent(a, null, 'WAITING_FOR_SIGNED_MANDATE', {
          ...meta,
          reason: 'Ordered with the CODA mandate',
        }),
      ),
    ]);
    const prepared = preparedCodaState(bank.kind);
    return prepared
      ? moveCodaMandate(em, mandate!, prepared, 'Mandate document generated', caller, bank.kind)
      : mandate!;
  });
}

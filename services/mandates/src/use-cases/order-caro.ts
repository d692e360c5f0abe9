import { randomUUID } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import { appendToOutbox, DomainError, inputExcerpt, requireUuid } from '@fidu/service-kit';
import {
  caroReferenceRule,
  requireCardholderEmail,
  requireCardholderMobile,
  requireCaroReference,
} from '../domain/caro-order';
import type { Caller } from '../domain/caller';
import { isValidIban, normalizeIban } from '@fidu/service-kit/domain';
import { findBank } from '../db/bank.repository';
import { requireClient } from '../db/client-directory.repository';
import { recordHistory } from '../db/history.repository';
import { CARO_COLUMNS, type CaroOrderRow } from '../db/mandate.mapping';
import { caroCreatedEvent } from '../events/caro-order-events';
import { expiryFrom, newToken, sendCaroInvitation } from './caro-transitions';

export interface OrderCaroInput {
  clientId: string;
  bankId: string;
  clientReference: string;
  cardholderEmail: string;
  cardholderMobile: string;
  iban?: string | null;
}

/** Creates an order and invites the cardholder (also the second half of recreating one). */
export async function createCaroOrder(
  em: EntityManager,
  officeId: string,
  input: OrderCaroInput,
  caller: Caller,
  replacesId: string | null,
  now: Date,
) {
  const clientId = requireUuid(input.clientId, 'clientId');
  const bankId = requireUuid(input.bankId, 'bankId');
  const bank = await findBank(em, bankId);
  if (!bank) throw new DomainError('CARO_BANK_NOT_FOUND', 'No such bank.', 'bankId');
  if (!bank.supportsCaro) {
    throw new DomainError(
      'CARO_BANK_NOT_SUPPORTED',
      `${bank.name} does not deliver credit-card statements (CARO) yet.`,
      'bankId',
    );
  }
  const reference = requireCaroReference(bankId, input.clientReference ?? '');
  const email = requireCardholderEmail(input.cardholderEmail ?? '');
  const mobile = requireCardholderMobile(input.cardholderMobile ?? '');
  const rule = caroReferenceRule(bankId);
  let iban: string | null = null;
  if (input.iban) {
    if (!isValidIban(input.iban))
      throw new DomainError('CARO_IBAN_INVALID', `${inputExcerpt(input.iban)} is not a valid IBAN.`, 'iban');
    iban = normalizeIban(input.iban);
  } else if (rule.needsIban) {
    throw new DomainError(
      'CARO_IBAN_REQUIRED',
      `${bank.name} needs the IBAN the card is settled on.`,
      'iban',
    );
  }
  await requireClient(em, officeId, clientId);
  const active: unknown[] = await em.query(
    `SELECT 1 FROM coda_mandate WHERE office_id = $1 AND client_id = $2 AND bank_id = $3 AND state = 'ACTIVE' LIMIT 1`,
    [officeId, clientId, bankId],
  );
  if (active.length === 0) {
    throw new DomainError(
      'CARO_ACTIVE_CODA_REQUIRED',
      `CARO needs an active CODA mandate for this client at ${bank.name}.`,
      'bankId',
    );
  }
  const open: unknown[] = await em.query(
    `SELECT 1 FROM caro_order WHERE client_id = $1 AND bank_id = $2 AND client_reference = $3 AND state <> 'CANCELLED'`,
    [clientId, bankId, reference],
  );
  if (open.length > 0)
    throw new DomainError(
      'CARO_ALREADY_ORDERED',
      'CARO is already ordered for this client and reference.',
      'clientReference',
    );

  const id = randomUUID();
  const reason = replacesId
    ? 'Recreated with the right client reference; cardholder invited'
    : 'Ordered; cardholder invited';
  const [order] = (await em.query(
    `INSERT INTO caro_order (id, office_id, client_id, bank_id, client_reference, cardholder_email, cardholder_mobile, iban, state, state_reason,
       invitation_token, invited_at, invitation_expires_at, replaces_id)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'INVITATION_SENT', $9, $10, $11, $12, $13) RETURNING ${CARO_COLUMNS}`,
    [
      id,
      officeId,
      clientId,
      bankId,
      reference,
      email,
      mobile,
      iban,
      reason,
      newToken(),
      now,
      expiryFrom(now),
      replacesId,
    ],
  )) as CaroOrderRow[];
  await recordHistory(em, [
    {
      aggregate: 'CARO',
      aggregateId: id,
      officeId,
      fromState: null,
      toState: 'INVITATION_SENT',
      reason,
      actor: caller.actor,
    },
  ]);
  await appendToOutbox(em, [
    caroCreatedEvent(order!, { reason, ...caller }),
    await sendCaroInvitation(em, order!, 0, caller.correlationId),
  ]);
  return order!;
}

/** Orders CARO: only for a client with an active CODA mandate at a bank that supports CARO. */
export function orderCaro(
  ds: DataSource,
  officeId: string,
  input: OrderCaroInput,
  caller: Caller,
  now = new Date(),
): Promise<CaroOrderRow> {
  return ds.transaction((em) => createCaroOrder(em, officeId, input, caller, null, now));
}

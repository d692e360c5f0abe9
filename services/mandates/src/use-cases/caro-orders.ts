import { randomBytes, randomUUID } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import { appendToOutbox, DomainError, inputExcerpt, requireUuid } from '@fidu/service-kit';
import {
  CARO_MACHINE,
  caroReferenceRule,
  INVITATION_VALIDITY_DAYS,
  requireCardholderEmail,
  requireCardholderMobile,
  requireCaroReference,
  type CaroState,
} from '../domain/caro-order';
import { isValidIban, normalizeIban } from '../domain/iban';
import { recordHistory } from '../db/history.repository';
import { CARO_COLUMNS, type CaroOrderRow } from '../db/mandate-rows';
import { sendCaroInvitation } from '../db/caro-invitation-messages';
import { caroCreatedEvent, caroStateChangedEvent } from '../events/mandate-events';
import { findBank, requireClient, requireReason, type Caller } from './caller';

export interface OrderCaroInput {
  clientId: string;
  bankId: string;
  clientReference: string;
  cardholderEmail: string;
  cardholderMobile: string;
  iban?: string | null;
}

const newToken = () => randomBytes(24).toString('base64url');
const expiryFrom = (now: Date) => new Date(now.getTime() + INVITATION_VALIDITY_DAYS * 86_400_000);

/** Moves a CARO order along its table: state, history and event in the caller's transaction. */
export async function moveCaroOrder(
  em: EntityManager,
  order: CaroOrderRow,
  to: CaroState,
  reason: string,
  caller: Caller,
  patch: { reinvite?: boolean; now?: Date } = {},
): Promise<CaroOrderRow> {
  CARO_MACHINE.assertMove(order.state, to);
  const now = patch.now ?? new Date();
  const [rows] = (await em.query(
    `UPDATE caro_order SET state = $2, state_reason = $3, updated_at = now(),
       invitation_token = CASE WHEN $4::boolean THEN $5 ELSE invitation_token END,
       invited_at = CASE WHEN $4::boolean THEN $6 ELSE invited_at END,
       invitation_expires_at = CASE WHEN $4::boolean THEN $7 ELSE invitation_expires_at END,
       reminders_sent = CASE WHEN $4::boolean THEN 0 ELSE reminders_sent END
     WHERE id = $1 RETURNING ${CARO_COLUMNS}`,
    [order.id, to, reason, Boolean(patch.reinvite), newToken(), now, expiryFrom(now)],
  )) as [CaroOrderRow[], number];
  const row = rows[0]!;
  await recordHistory(em, [
    {
      aggregate: 'CARO',
      aggregateId: order.id,
      officeId: order.officeId,
      fromState: order.state,
      toState: to,
      reason,
      actor: caller.actor,
    },
  ]);
  await appendToOutbox(em, [
    caroStateChangedEvent(order, order.state, to, { reason, ...caller }),
    ...(patch.reinvite ? [await sendCaroInvitation(em, row, 0, caller.correlationId)] : []),
  ]);
  return row;
}

async function createCaroOrder(
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
      'CARO_REQUIRES_ACTIVE_CODA',
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

async function lockOfficeOrder(em: EntityManager, officeId: string, idInput: string): Promise<CaroOrderRow> {
  const id = requireUuid(idInput, 'caroOrderId');
  const [order] = (await em.query(
    `SELECT ${CARO_COLUMNS} FROM caro_order WHERE id = $1 AND office_id = $2 FOR UPDATE`,
    [id, officeId],
  )) as CaroOrderRow[];
  if (!order)
    throw new DomainError('CARO_ORDER_NOT_FOUND', 'No such CARO order in your office.', 'caroOrderId');
  return order;
}

/** Cancels an order (e.g. a wrong client/reference pair); it can be reactivated later. */
export function cancelCaroOrder(
  ds: DataSource,
  officeId: string,
  input: { caroOrderId: string; reason: string },
  caller: Caller,
) {
  const reason = requireReason(input.reason, 'CARO_CANCEL_REASON_REQUIRED');
  return ds.transaction(async (em) =>
    moveCaroOrder(em, await lockOfficeOrder(em, officeId, input.caroOrderId), 'CANCELLED', reason, caller),
  );
}

/** Reactivates a cancelled order: a new invitation is sent. */
export function reactivateCaroOrder(
  ds: DataSource,
  officeId: string,
  input: { caroOrderId: string },
  caller: Caller,
) {
  return ds.transaction(async (em) =>
    moveCaroOrder(
      em,
      await lockOfficeOrder(em, officeId, input.caroOrderId),
      'INVITATION_SENT',
      'Reactivated; cardholder invited again',
      caller,
      { reinvite: true },
    ),
  );
}

/**
 * Edits the cardholder's e-mail and mobile (the reference never changes). An order waiting for
 * consent, expired or in problem gets a new invitation to the new details (seed 003's third
 * resolution); an active or cancelled one just keeps the new details.
 */
export function updateCaroCardholder(
  ds: DataSource,
  officeId: string,
  input: { caroOrderId: string; cardholderEmail?: string | null; cardholderMobile?: string | null },
  caller: Caller,
) {
  const email = input.cardholderEmail != null ? requireCardholderEmail(input.cardholderEmail) : null;
  const mobile = input.cardholderMobile != null ? requireCardholderMobile(input.cardholderMobile) : null;
  if (!email && !mobile)
    throw new DomainError(
      'CARO_CARDHOLDER_UNCHANGED',
      'Give a new e-mail address or mobile number.',
      'cardholderEmail',
    );
  return ds.transaction(async (em) => {
    const order = await lockOfficeOrder(em, officeId, input.caroOrderId);
    const [rows] = (await em.query(
      `UPDATE caro_order SET cardholder_email = coalesce($2, cardholder_email), cardholder_mobile = coalesce($3, cardholder_mobile), updated_at = now()
        WHERE id = $1 RETURNING ${CARO_COLUMNS}`,
      [order.id, email, mobile],
    )) as [CaroOrderRow[], number];
    const edited = rows[0]!;
    if (order.state === 'ACTIVE' || order.state === 'CANCELLED') return edited;
    return moveCaroOrder(
      em,
      edited,
      'INVITATION_SENT',
      "Cardholder's details edited; invitation sent again",
      caller,
      { reinvite: true },
    );
  });
}

/**
 * Seed 003's first resolution: the reference was wrong, and it is never editable, so the order is
 * recreated with the right one; the wrong order is cancelled, and the new one names it.
 */
export function recreateCaroOrder(
  ds: DataSource,
  officeId: string,
  input: { caroOrderId: string; clientReference: string },
  caller: Caller,
  now = new Date(),
) {
  return ds.transaction(async (em) => {
    const old = await lockOfficeOrder(em, officeId, input.caroOrderId);
    const reference = requireCaroReference(old.bankId, input.clientReference ?? '');
    if (reference === old.clientReference)
      throw new DomainError(
        'CARO_REFERENCE_UNCHANGED',
        'The new reference is the same as the old one.',
        'clientReference',
      );
    await moveCaroOrder(em, old, 'CANCELLED', `Recreated with reference ${reference}`, caller);
    return createCaroOrder(
      em,
      officeId,
      {
        clientId: old.clientId,
        bankId: old.bankId,
        clientReference: reference,
        cardholderEmail: old.cardholderEmail,
        cardholderMobile: old.cardholderMobile,
        iban: old.iban,
      },
      caller,
      old.id,
      now,
    );
  });
}

/** The last 4 characters, so a message can name a reference without showing it whole. */
const tail = (reference: string) => `…${reference.slice(-4)}`;

/**
 * The cardholder consents through the invitation link. A card that does not match the order's
 * reference sends the order to PROBLEM with the reason (seed 003); it is not an error for the
 * cardholder, who simply sees the outcome.
 */
export function consentToCaro(
  ds: DataSource,
  input: { invitationToken: string; cardReference: string },
  correlationId: string,
  now = new Date(),
) {
  const token = typeof input.invitationToken === 'string' ? input.invitationToken.trim() : '';
  if (!/^[A-Za-z0-9_-]{16,64}$/.test(token))
    throw new DomainError('CARO_INVITATION_UNKNOWN', 'This invitation link is not valid.', 'invitationToken');
  return ds.transaction(async (em) => {
    const [order] = (await em.query(
      `SELECT ${CARO_COLUMNS} FROM caro_order WHERE invitation_token = $1 FOR UPDATE`,
      [token],
    )) as CaroOrderRow[];
    if (!order)
      throw new DomainError(
        'CARO_INVITATION_UNKNOWN',
        'This invitation link is not valid.',
        'invitationToken',
      );
    if (
      order.state === 'INVITATION_EXPIRED' ||
      (order.state === 'INVITATION_SENT' && order.invitationExpiresAt.getTime() <= now.getTime())
    ) {
      throw new DomainError(
        'CARO_INVITATION_EXPIRED',
        'This invitation has expired; ask your accountant for a new one.',
        'invitationToken',
      );
    }
    if (order.state !== 'INVITATION_SENT')
      throw new DomainError(
        'CARO_INVITATION_USED',
        'This invitation was already answered or withdrawn.',
        'invitationToken',
      );
    const card = (input.cardReference ?? '').replace(/\s/g, '').toUpperCase();
    if (!card)
      throw new DomainError(
        'CARO_CARD_REFERENCE_REQUIRED',
        'Name the card you consent for.',
        'cardReference',
      );
    const caller = { actor: 'cardholder', correlationId };
    if (card === order.clientReference)
      return moveCaroOrder(em, order, 'ACTIVE', 'Cardholder consented with the matching card', caller);
    return moveCaroOrder(
      em,
      order,
      'PROBLEM',
      `The card used to consent (${tail(card)}) does not match the client reference of the order (${tail(order.clientReference)})`,
      caller,
    );
  });
}

/** The bank reports a delivered statement: the order shows the date of its last document. */
export function reportCaroDocument(
  ds: DataSource,
  bankId: string,
  input: { caroOrderId: string; documentDate: string },
) {
  const id = requireUuid(input.caroOrderId, 'caroOrderId');
  if (!/^\d{4}-\d{2}-\d{2}$/.test(input.documentDate ?? '') || Number.isNaN(Date.parse(input.documentDate))) {
    throw new DomainError(
      'CARO_DOCUMENT_DATE_INVALID',
      'documentDate must be a date (YYYY-MM-DD).',
      'documentDate',
    );
  }
  return ds.transaction(async (em) => {
    const [order] = (await em.query(
      `SELECT ${CARO_COLUMNS} FROM caro_order WHERE id = $1 AND bank_id = $2 FOR UPDATE`,
      [id, bankId],
    )) as CaroOrderRow[];
    if (!order)
      throw new DomainError('CARO_ORDER_NOT_FOUND', 'No such CARO order at your bank.', 'caroOrderId');
    if (order.state !== 'ACTIVE')
      throw new DomainError(
        'CARO_ORDER_NOT_ACTIVE',
        'Documents are delivered only for an active order.',
        'caroOrderId',
      );
    const [rows] = (await em.query(
      `UPDATE caro_order SET last_document_date = greatest(coalesce(last_document_date, $2::date), $2::date), updated_at = now() WHERE id = $1 RETURNING ${CARO_COLUMNS}`,
      [id, input.documentDate],
    )) as [CaroOrderRow[], number];
    return rows[0]!;
  });
}

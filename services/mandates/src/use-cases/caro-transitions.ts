import { randomBytes } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { appendToOutbox, DomainError, requireUuid, type OutboxEvent } from '@fidu/service-kit';
import { CARO_MACHINE, INVITATION_VALIDITY_DAYS, type CaroState } from '../domain/caro-order';
import type { Caller } from '../domain/caller';
import { recordCaroInvitationMessage } from '../db/caro-invitation-message.repository';
import { recordHistory } from '../db/history.repository';
import { CARO_COLUMNS, type CaroOrderRow } from '../db/mandate.mapping';
import { caroInvitationSentEvent, caroStateChangedEvent } from '../events/caro-order-events';

export const newToken = () => randomBytes(24).toString('base64url');
export const expiryFrom = (now: Date) => new Date(now.getTime() + INVITATION_VALIDITY_DAYS * 86_400_000);

/**
 * Sends the cardholder an invitation (reminderNumber 0) or a reminder: records the message and
 * returns the CaroInvitationSent event, to be appended to the outbox in the same transaction.
 */
export async function sendCaroInvitation(
  em: EntityManager,
  order: CaroOrderRow,
  reminderNumber: number,
  correlationId: string,
): Promise<OutboxEvent> {
  await recordCaroInvitationMessage(em, order, reminderNumber);
  return caroInvitationSentEvent(order, reminderNumber, correlationId);
}

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

/** Locks one of the office's orders for the rest of the transaction; CARO_ORDER_NOT_FOUND otherwise. */
export async function lockOfficeCaroOrder(
  em: EntityManager,
  officeId: string,
  idInput: string,
): Promise<CaroOrderRow> {
  const id = requireUuid(idInput, 'caroOrderId');
  const [order] = (await em.query(
    `SELECT ${CARO_COLUMNS} FROM caro_order WHERE id = $1 AND office_id = $2 FOR UPDATE`,
    [id, officeId],
  )) as CaroOrderRow[];
  if (!order)
    throw new DomainError('CARO_ORDER_NOT_FOUND', 'No such CARO order in your office.', 'caroOrderId');
  return order;
}

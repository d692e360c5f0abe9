import type { EntityManager } from 'typeorm';
import type { OutboxEvent } from '@fidu/service-kit';
import { caroInvitationSentEvent } from '../events/mandate-events';
import type { CaroOrderRow } from './mandate-rows';

/** One invitation or reminder the platform "sent" a cardholder (support staff read them). */
export interface CaroInvitationMessageRow {
  id: string;
  caroOrderId: string;
  reminderNumber: number;
  cardholderEmail: string;
  cardholderMobile: string;
  invitationToken: string;
  expiresAt: Date;
  sentAt: Date;
  current: boolean;
}

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
  await em.query(
    `INSERT INTO caro_invitation_message (caro_order_id, office_id, reminder_number, cardholder_email, cardholder_mobile,
       invitation_token, expires_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7)`,
    [
      order.id,
      order.officeId,
      reminderNumber,
      order.cardholderEmail,
      order.cardholderMobile,
      order.invitationToken,
      order.invitationExpiresAt,
    ],
  );
  return caroInvitationSentEvent(order, reminderNumber, correlationId);
}

/** The messages sent for an order, oldest first; `current` = its link still opens the order. */
export function listCaroInvitationMessages(
  em: Pick<EntityManager, 'query'>,
  caroOrderId: string,
): Promise<CaroInvitationMessageRow[]> {
  return em.query(
    `SELECT m.id::text AS id, m.caro_order_id AS "caroOrderId", m.reminder_number AS "reminderNumber",
            m.cardholder_email AS "cardholderEmail", m.cardholder_mobile AS "cardholderMobile",
            m.invitation_token AS "invitationToken", m.expires_at AS "expiresAt", m.sent_at AS "sentAt",
            (m.invitation_token = o.invitation_token) AS current
       FROM caro_invitation_message m JOIN caro_order o ON o.id = m.caro_order_id
      WHERE m.caro_order_id = $1 ORDER BY m.id`,
    [caroOrderId],
  ) as Promise<CaroInvitationMessageRow[]>;
}

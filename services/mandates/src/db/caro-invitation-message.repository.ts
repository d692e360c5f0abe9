import type { EntityManager } from 'typeorm';
import type { CaroOrderRow } from './mandate.mapping';

/**
 * Records an invitation (reminderNumber 0) or a reminder as sent to the order's cardholder, with
 * the order's current token and expiry: support staff read what the cardholder received.
 */
export async function recordCaroInvitationMessage(
  em: EntityManager,
  order: CaroOrderRow,
  reminderNumber: number,
): Promise<void> {
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
}

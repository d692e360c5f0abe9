import type { EntityManager } from 'typeorm';
import { appendToOutbox } from '@fidu/service-kit';
import { reminderDue } from '../domain/caro-order';
import { SYSTEM } from '../domain/caller';
import { recordHistory } from '../db/history.repository';
import { CARO_COLUMNS, type CaroOrderRow } from '../db/mandate.mapping';
import { moveCaroOrder, sendCaroInvitation } from './caro-transitions';

/** The correlation id prefix of what the daily run does (also the job's name). */
export const CARO_INVITATIONS_JOB = 'mandates.caro-invitations';

/**
 * Daily: invitations past their 14 days expire; the others get their reminders (up to 3, every
 * 3 days). Once per Brussels day across replicas (runJobOnce).
 */
export async function processCaroInvitations(em: EntityManager, now: Date): Promise<string> {
  const pending = (await em.query(
    `SELECT ${CARO_COLUMNS} FROM caro_order WHERE state = 'INVITATION_SENT' ORDER BY id FOR UPDATE SKIP LOCKED`,
  )) as CaroOrderRow[];
  const caller = { actor: SYSTEM, correlationId: `${CARO_INVITATIONS_JOB}:${now.toISOString()}` };
  let expired = 0;
  let reminded = 0;
  for (const order of pending) {
    if (order.invitationExpiresAt.getTime() <= now.getTime()) {
      await moveCaroOrder(
        em,
        order,
        'INVITATION_EXPIRED',
        'Invitation expired after 14 days without consent',
        caller,
      );
      expired++;
    } else if (reminderDue(order.invitedAt, order.remindersSent, now)) {
      const reminder = order.remindersSent + 1;
      await em.query(`UPDATE caro_order SET reminders_sent = $2 WHERE id = $1`, [order.id, reminder]);
      await recordHistory(em, [
        {
          aggregate: 'CARO',
          aggregateId: order.id,
          officeId: order.officeId,
          fromState: order.state,
          toState: order.state,
          reason: `Reminder ${reminder} sent to the cardholder`,
          actor: SYSTEM,
        },
      ]);
      await appendToOutbox(em, [await sendCaroInvitation(em, order, reminder, caller.correlationId)]);
      reminded++;
    }
  }
  return `${expired} CARO invitation(s) expired, ${reminded} reminded`;
}

import type { EntityManager } from 'typeorm';
import { appendToOutbox, findClientsInDirectory } from '@fidu/service-kit';
import { SYSTEM } from '../domain/caller';
import { recordHistory } from '../db/history.repository';
import { SODA_COLUMNS, type SodaMandateRow } from '../db/mandate.mapping';
import { sodaActivationRequestedEvent } from '../events/soda-mandate-events';

/** The correlation id prefix of what the weekly run does (also the job's name). */
export const SODA_REMINDER_JOB = 'mandates.soda-delayed-reminders';

/**
 * Reminds the secretariats of delayed SODA requests, weekly: every mandate delayed (or last
 * reminded) at least 6 days ago gets a new SodaActivationRequested with its reminder number.
 * Once per ISO week across replicas (runJobOnce).
 */
export async function remindDelayedSodaRequests(em: EntityManager, now: Date): Promise<string> {
  const due = (await em.query(
    `SELECT ${SODA_COLUMNS} FROM soda_mandate
      WHERE state = 'DELAYED' AND coalesce(last_requested_at, updated_at) <= $1::timestamptz - interval '6 days'
      ORDER BY office_id, id FOR UPDATE SKIP LOCKED`,
    [now],
  )) as SodaMandateRow[];
  for (const mandate of due) {
    const reminder = mandate.reminderCount + 1;
    await em.query(`UPDATE soda_mandate SET reminder_count = $2, last_requested_at = $3 WHERE id = $1`, [
      mandate.id,
      reminder,
      now,
    ]);
    const [client] = await findClientsInDirectory(em, mandate.officeId, [mandate.clientId]);
    await recordHistory(em, [
      {
        aggregate: 'SODA',
        aggregateId: mandate.id,
        officeId: mandate.officeId,
        fromState: 'DELAYED',
        toState: 'DELAYED',
        reason: `Weekly reminder ${reminder} sent to the social secretariat`,
        actor: SYSTEM,
      },
    ]);
    await appendToOutbox(em, [
      sodaActivationRequestedEvent(
        mandate,
        { companyName: client?.companyName ?? '', enterpriseNumber: client?.enterpriseNumber ?? null },
        reminder,
        `${SODA_REMINDER_JOB}:${now.toISOString()}`,
      ),
    ]);
  }
  return `${due.length} delayed SODA request(s) reminded`;
}

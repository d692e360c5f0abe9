import type { DataSource } from 'typeorm';
import { DomainError, requireUuid } from '@fidu/service-kit';
import {
  defaultAnswerReason,
  SECRETARIAT_VISIBLE_STATES,
  SODA_ANSWERS,
  type SodaAnswer,
} from '../domain/soda-mandate';
import { SODA_COLUMNS, type SodaMandateRow } from '../db/mandate.mapping';
import { requireClient } from '../db/client-directory.repository';
import { optionalReason, requireReason, type Caller } from '../domain/caller';
import { moveSodaMandate } from './soda-transitions';

/**
 * A social secretariat answers an activation request addressed to it. NOT_AFFILIATED archives the
 * order automatically with that reason; REJECT needs a reason. What the answer says
 * about the client's affiliation feeds Boost.
 */
export async function answerSodaActivationRequest(
  ds: DataSource,
  secretariatId: string,
  input: { sodaMandateId: string; answer: SodaAnswer; reason?: string | null },
  caller: Caller,
): Promise<SodaMandateRow> {
  const id = requireUuid(input.sodaMandateId, 'sodaMandateId');
  if (!(input.answer in SODA_ANSWERS))
    throw new DomainError('SODA_ANSWER_INVALID', 'Unknown answer.', 'answer');
  const reason =
    input.answer === 'REJECT'
      ? requireReason(input.reason, 'SODA_REASON_REQUIRED')
      : (optionalReason(input.reason) ?? defaultAnswerReason(input.answer));
  return ds.transaction(async (em) => {
    const [mandate] = (await em.query(
      `SELECT ${SODA_COLUMNS} FROM soda_mandate
        WHERE id = $1 AND social_secretariat_id = $2 AND state = ANY($3::text[]) AND last_requested_at IS NOT NULL FOR UPDATE`,
      [id, secretariatId, SECRETARIAT_VISIBLE_STATES],
    )) as SodaMandateRow[];
    if (!mandate)
      throw new DomainError(
        'SODA_MANDATE_NOT_FOUND',
        'No such SODA activation request addressed to you.',
        'sodaMandateId',
      );
    const to = SODA_ANSWERS[input.answer];
    const fullReason =
      input.answer === 'NOT_AFFILIATED' && input.reason
        ? `${defaultAnswerReason('NOT_AFFILIATED')}: ${reason}`
        : reason;
    const moved = await moveSodaMandate(em, mandate, to, fullReason, caller);
    if (input.answer !== 'DELAY' && input.answer !== 'REJECT') {
      const client = await requireClient(em, mandate.officeId, mandate.clientId);
      if (client.enterpriseNumber) {
        await em.query(
          `INSERT INTO soda_affiliation (enterprise_number, social_secretariat_id, affiliated, source) VALUES ($1, $2, $3, 'ANSWER')
           ON CONFLICT (enterprise_number, social_secretariat_id)
           DO UPDATE SET affiliated = EXCLUDED.affiliated, source = 'ANSWER', reported_at = now()`,
          [client.enterpriseNumber, secretariatId, input.answer !== 'NOT_AFFILIATED'],
        );
      }
    }
    return moved;
  });
}

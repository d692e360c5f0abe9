import type { DataSource } from 'typeorm';
import { DomainError, forbidden, inputExcerpt, requireUuid } from '@fidu/service-kit';
import {
  defaultAnswerReason,
  SECRETARIAT_VISIBLE_STATES,
  SODA_ANSWERS,
  type SodaAnswer,
} from '../domain/soda-mandate';
import { SODA_COLUMNS, type SodaMandateRow } from '../db/mandate.mapping';
import { requireClient } from '../db/client-directory.repository';
import { optionalReason, requireReason, type Caller } from '../domain/caller';
import { moveSodaMandate, requestSodaActivation } from './soda-transitions';

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

/** The office archives one of its SODA mandates, saying why. */
export async function archiveSodaMandate(
  ds: DataSource,
  officeId: string,
  input: { sodaMandateId: string; reason: string },
  caller: Caller,
) {
  const id = requireUuid(input.sodaMandateId, 'sodaMandateId');
  const reason = requireReason(input.reason, 'SODA_ARCHIVE_REASON_REQUIRED');
  return ds.transaction(async (em) => {
    const [mandate] = (await em.query(
      `SELECT ${SODA_COLUMNS} FROM soda_mandate WHERE id = $1 AND office_id = $2 FOR UPDATE`,
      [id, officeId],
    )) as SodaMandateRow[];
    if (!mandate)
      throw new DomainError(
        'SODA_MANDATE_NOT_FOUND',
        'No such SODA mandate in your office.',
        'sodaMandateId',
      );
    return moveSodaMandate(em, mandate, 'ARCHIVED', reason, caller);
  });
}

/** After a rejection (PROBLEM) the office, having sorted it out, asks the secretariat again. */
export async function requestSodaActivationAgain(
  ds: DataSource,
  officeId: string,
  input: { sodaMandateId: string },
  caller: Caller,
) {
  const id = requireUuid(input.sodaMandateId, 'sodaMandateId');
  return ds.transaction(async (em) => {
    const [mandate] = (await em.query(
      `SELECT ${SODA_COLUMNS} FROM soda_mandate WHERE id = $1 AND office_id = $2 FOR UPDATE`,
      [id, officeId],
    )) as SodaMandateRow[];
    if (!mandate)
      throw new DomainError(
        'SODA_MANDATE_NOT_FOUND',
        'No such SODA mandate in your office.',
        'sodaMandateId',
      );
    if (mandate.state !== 'PROBLEM') {
      throw new DomainError(
        'SODA_ILLEGAL_TRANSITION',
        `A SODA mandate in state ${mandate.state} cannot be requested again.`,
        'sodaMandateId',
        {
          fromState: mandate.state,
          toState: 'REQUESTED',
        },
      );
    }
    return requestSodaActivation(em, mandate, caller);
  });
}

/**
 * A partner secretariat declares which enterprises are affiliated with it (what Boost answers
 * from). Its affiliates are facts it owns, so any valid enterprise number is accepted (refusing
 * unknown ones would reveal which enterprises are the platform's clients), but a declaration
 * writes only the declaring secretariat's own rows, never overwrites what it answered to a request
 * an office addressed to it, and moves no mandate: Boost weighs declarations below answers.
 */
export async function declareSodaAffiliations(
  ds: DataSource,
  secretariatId: string,
  enterpriseNumbers: string[],
): Promise<number> {
  const [secretariat] = (await ds.query(
    `SELECT is_partner AS "isPartner" FROM social_secretariat WHERE id = $1`,
    [secretariatId],
  )) as { isPartner: boolean }[];
  if (!secretariat?.isPartner)
    throw forbidden('Only a partner social secretariat can declare its affiliates.');
  if (
    !Array.isArray(enterpriseNumbers) ||
    enterpriseNumbers.length === 0 ||
    enterpriseNumbers.length > 1000
  ) {
    throw new DomainError(
      'SODA_AFFILIATIONS_INVALID',
      'Declare between 1 and 1000 enterprise numbers.',
      'enterpriseNumbers',
    );
  }
  const numbers = enterpriseNumbers.map((n, i) => {
    const digits = n.replace(/[\s.]/g, '');
    if (!/^[01]\d{9}$/.test(digits) || 97 - (Number(digits.slice(0, 8)) % 97) !== Number(digits.slice(8))) {
      throw new DomainError(
        'SODA_AFFILIATIONS_INVALID',
        `${inputExcerpt(n)} is not a valid enterprise number.`,
        `enterpriseNumbers.${i}`,
      );
    }
    return digits;
  });
  await ds.query(
    `INSERT INTO soda_affiliation (enterprise_number, social_secretariat_id, affiliated, source)
     SELECT DISTINCT n, $2::uuid, true, 'DECLARATION' FROM unnest($1::text[]) AS n
     ON CONFLICT (enterprise_number, social_secretariat_id) DO UPDATE SET affiliated = true, reported_at = now()
       WHERE soda_affiliation.source = 'DECLARATION'`,
    [numbers, secretariatId],
  );
  return new Set(numbers).size;
}

import { appendToOutbox, DomainError, findClientsInDirectory, requireUuid } from '@fidu/service-kit';
import type { EntityManager } from 'typeorm';
import { SODA_MACHINE, type SodaState } from '../domain/soda-mandate';
import { recordHistory } from '../db/history.repository';
import { SODA_COLUMNS, type SodaMandateRow } from '../db/mandate.mapping';
import { sodaActivationRequestedEvent, sodaStateChangedEvent } from '../events/soda-mandate-events';
import { SYSTEM, type Caller } from '../domain/caller';

/** Moves a SODA mandate along its table: state, history and event in the caller's transaction. */
export async function moveSodaMandate(
  em: EntityManager,
  mandate: SodaMandateRow,
  to: SodaState,
  reason: string,
  caller: Caller,
): Promise<SodaMandateRow> {
  SODA_MACHINE.assertMove(mandate.state, to);
  const [updated] = (await em.query(
    `UPDATE soda_mandate SET state = $2, state_reason = $3, updated_at = now(),
       last_requested_at = CASE WHEN $2 IN ('REQUESTED', 'DELAYED') THEN now() ELSE last_requested_at END
     WHERE id = $1 RETURNING ${SODA_COLUMNS}`,
    [mandate.id, to, reason],
  )) as [SodaMandateRow[], number];
  await recordHistory(em, [
    {
      aggregate: 'SODA',
      aggregateId: mandate.id,
      officeId: mandate.officeId,
      fromState: mandate.state,
      toState: to,
      reason,
      actor: caller.actor,
    },
  ]);
  await appendToOutbox(em, [sodaStateChangedEvent(mandate, mandate.state, to, { reason, ...caller })]);
  return updated[0]!;
}

/**
 * SIGNED (or PROBLEM) → REQUESTED: asks the secretariat to activate SODA (SodaActivationRequested, addressed
 * to it). The client's signed CODA telemandate covers SODA: no new signature is asked.
 */
export async function requestSodaActivation(
  em: EntityManager,
  mandate: SodaMandateRow,
  caller: Caller,
): Promise<SodaMandateRow> {
  const signed =
    mandate.state === 'NOT_SIGNED'
      ? await moveSodaMandate(
          em,
          mandate,
          'SIGNED',
          "Covered by the client's signed CODA telemandate",
          caller,
        )
      : mandate;
  const reason =
    mandate.state === 'PROBLEM'
      ? 'Activation requested again from the social secretariat'
      : 'Activation requested from the social secretariat';
  const requested = await moveSodaMandate(em, signed, 'REQUESTED', reason, caller);
  const [client] = await findClientsInDirectory(em, mandate.officeId, [mandate.clientId]);
  await appendToOutbox(em, [
    sodaActivationRequestedEvent(
      requested,
      { companyName: client?.companyName ?? '', enterpriseNumber: client?.enterpriseNumber ?? null },
      0,
      caller.correlationId,
    ),
  ]);
  return requested;
}

/** When a client's CODA mandate is signed, its SODA mandates waiting for it move on by themselves. */
export async function advanceWaitingSodaMandates(
  em: EntityManager,
  officeId: string,
  clientId: string,
  caller: Caller,
): Promise<number> {
  const waiting = (await em.query(
    `SELECT ${SODA_COLUMNS} FROM soda_mandate WHERE office_id = $1 AND client_id = $2 AND state = 'NOT_SIGNED' ORDER BY created_at, id FOR UPDATE`,
    [officeId, clientId],
  )) as SodaMandateRow[];
  // The SODA mandates move by themselves: the system acts, in the request that signed the CODA mandate.
  for (const mandate of waiting)
    await requestSodaActivation(em, mandate, { actor: SYSTEM, correlationId: caller.correlationId });
  return waiting.length;
}

/** Whether the client has a signed CODA mandate that still holds (not archived). */
export async function hasSignedCoda(em: EntityManager, officeId: string, clientId: string): Promise<boolean> {
  const rows: unknown[] = await em.query(
    `SELECT 1 FROM coda_mandate WHERE office_id = $1 AND client_id = $2 AND signed_at IS NOT NULL AND state <> 'ARCHIVED' LIMIT 1`,
    [officeId, clientId],
  );
  return rows.length > 0;
}

/** Locks one of the office's SODA mandates for the rest of the transaction; SODA_MANDATE_NOT_FOUND otherwise. */
export async function lockOfficeSodaMandate(
  em: EntityManager,
  officeId: string,
  idInput: string,
): Promise<SodaMandateRow> {
  const id = requireUuid(idInput, 'sodaMandateId');
  const [mandate] = (await em.query(
    `SELECT ${SODA_COLUMNS} FROM soda_mandate WHERE id = $1 AND office_id = $2 FOR UPDATE`,
    [id, officeId],
  )) as SodaMandateRow[];
  if (!mandate)
    throw new DomainError('SODA_MANDATE_NOT_FOUND', 'No such SODA mandate in your office.', 'sodaMandateId');
  return mandate;
}

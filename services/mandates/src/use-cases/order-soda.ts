import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { appendToOutbox, DomainError, requireUuid } from '@fidu/service-kit';
import { recordHistory } from '../db/history.repository';
import { SODA_COLUMNS, type SodaMandateRow } from '../db/mandate.mapping';
import { sodaOrderedEvent } from '../events/soda-mandate-events';
import { requireClient } from '../db/client-directory.repository';
import type { Caller } from '../domain/caller';
import { hasSignedCoda, requestSodaActivation } from './soda-transitions';

export interface OrderSodaInput {
  clientId: string;
  socialSecretariatIds: string[];
  softwareId: string;
}

/**
 * Orders SODA for a client from one or several social secretariats in one go (one mandate per
 * secretariat, sharing an order id). No SODA without CODA: without a signed CODA mandate the
 * mandates wait in NOT_SIGNED; with one, activation is requested from each secretariat at once.
 */
export async function orderSoda(
  ds: DataSource,
  officeId: string,
  input: OrderSodaInput,
  caller: Caller,
): Promise<SodaMandateRow[]> {
  const clientId = requireUuid(input.clientId, 'clientId');
  const softwareId = requireUuid(input.softwareId, 'softwareId');
  if (
    !Array.isArray(input.socialSecretariatIds) ||
    input.socialSecretariatIds.length === 0 ||
    input.socialSecretariatIds.length > 10
  ) {
    throw new DomainError(
      'SODA_SECRETARIAT_REQUIRED',
      'Name between 1 and 10 social secretariats.',
      'socialSecretariatIds',
    );
  }
  const secretariatIds = input.socialSecretariatIds.map((id, i) =>
    requireUuid(id, `socialSecretariatIds.${i}`),
  );
  if (new Set(secretariatIds).size !== secretariatIds.length) {
    throw new DomainError(
      'SODA_SECRETARIAT_DUPLICATE',
      'The same social secretariat is named twice.',
      'socialSecretariatIds',
    );
  }

  return ds.transaction(async (em) => {
    const [software] = (await em.query(`SELECT name, imports FROM mandate_software WHERE id = $1`, [
      softwareId,
    ])) as { name: string; imports: string[] }[];
    if (!software)
      throw new DomainError('SODA_SOFTWARE_NOT_FOUND', 'No such accounting software.', 'softwareId');
    if (!software.imports.includes('SODA')) {
      throw new DomainError(
        'SODA_SOFTWARE_CANNOT_IMPORT',
        `${software.name} cannot import SODA files: payroll entries cannot be delivered to it. Choose another accounting software.`,
        'softwareId',
        { software: software.name, imports: software.imports },
      );
    }
    const secretariats = (await em.query(
      `SELECT id, name, is_partner AS "isPartner" FROM social_secretariat WHERE id = ANY($1::uuid[])`,
      [secretariatIds],
    )) as { id: string; name: string; isPartner: boolean }[];
    const byId = new Map(secretariats.map((s) => [s.id, s]));
    secretariatIds.forEach((id, i) => {
      const s = byId.get(id);
      if (!s)
        throw new DomainError(
          'SODA_SECRETARIAT_NOT_FOUND',
          'No such social secretariat.',
          `socialSecretariatIds.${i}`,
        );
      if (!s.isPartner) {
        throw new DomainError(
          'SODA_SECRETARIAT_NOT_PARTNER',
          `${s.name} is not a partner of the platform: SODA cannot be ordered there.`,
          `socialSecretariatIds.${i}`,
        );
      }
    });
    const client = await requireClient(em, officeId, clientId);
    await em.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [`soda:${clientId}`]);
    const open = (await em.query(
      `SELECT social_secretariat_id AS id FROM soda_mandate WHERE client_id = $1 AND social_secretariat_id = ANY($2::uuid[]) AND state <> 'ARCHIVED'`,
      [client.clientId, secretariatIds],
    )) as { id: string }[];
    if (open.length > 0) {
      throw new DomainError(
        'SODA_ALREADY_ORDERED',
        `SODA is already ordered for this client from ${byId.get(open[0]!.id)!.name}.`,
        'socialSecretariatIds',
        {
          socialSecretariatIds: open.map((o) => o.id),
        },
      );
    }

    const orderId = randomUUID();
    const ids: string[] = secretariatIds.map(() => randomUUID());
    const created = (await em.query(
      `INSERT INTO soda_mandate (id, order_id, office_id, client_id, social_secretariat_id, software_id, state, state_reason)
       SELECT id, $2, $3, $4, s, $5, 'NOT_SIGNED', 'Ordered; waiting for a signed CODA mandate'
         FROM unnest($1::uuid[], $6::uuid[]) WITH ORDINALITY AS t(id, s, n) ORDER BY n
       RETURNING ${SODA_COLUMNS}`,
      [ids, orderId, officeId, clientId, softwareId, secretariatIds],
    )) as SodaMandateRow[];
    created.sort((a, b) => ids.indexOf(a.id) - ids.indexOf(b.id));
    await recordHistory(
      em,
      created.map((m) => ({
        aggregate: 'SODA' as const,
        aggregateId: m.id,
        officeId,
        fromState: null,
        toState: 'NOT_SIGNED',
        reason: m.stateReason,
        actor: caller.actor,
      })),
    );
    await appendToOutbox(
      em,
      created.map((m) => sodaOrderedEvent(m, 'NOT_SIGNED', { reason: 'Ordered', ...caller })),
    );
    if (!(await hasSignedCoda(em, officeId, clientId))) return created;
    const requested: SodaMandateRow[] = [];
    for (const m of created) requested.push(await requestSodaActivation(em, m, caller));
    return requested;
  });
}

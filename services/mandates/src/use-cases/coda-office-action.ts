import type { DataSource, EntityManager } from 'typeorm';
import { DomainError, requireUuid } from '@fidu/service-kit';
import { availableCodaActions, type CodaAction } from '../domain/coda-mandate';
import type { CodaMandateRow } from '../db/mandate.mapping';
import { findBank, type BankRow } from '../db/bank.repository';
import { lockCodaMandate } from './coda-transitions';
import { managementSettingsOf } from '../read-models/management-settings.read-model';

export function codaMandateNotFound(field = 'codaMandateId'): DomainError {
  return new DomainError('CODA_MANDATE_NOT_FOUND', 'No such CODA mandate in your office.', field);
}

/**
 * Locks the office's mandate and checks the action is offered now (mode × bank kind × state);
 * otherwise CODA_ACTION_NOT_AVAILABLE, naming the actions that are.
 */
export async function withOfferedAction<T>(
  ds: DataSource,
  officeId: string,
  mandateId: string,
  action: CodaAction,
  work: (em: EntityManager, mandate: CodaMandateRow, bank: BankRow) => Promise<T>,
): Promise<T> {
  const id = requireUuid(mandateId, 'codaMandateId');
  return ds.transaction(async (em) => {
    const mandate = await lockCodaMandate(em, id, { officeId });
    if (!mandate) throw codaMandateNotFound();
    const bank = (await findBank(em, mandate.bankId))!;
    const { mode } = await managementSettingsOf(em, officeId);
    const offered = availableCodaActions({ state: mandate.state, signedAt: mandate.signedAt, bank, mode });
    if (!offered.includes(action)) {
      throw new DomainError(
        'CODA_ACTION_NOT_AVAILABLE',
        `${action} is not offered for this mandate (state ${mandate.state}, ${bank.kind} bank, mandates managed by ${mode}).`,
        'codaMandateId',
        { action, availableActions: offered },
      );
    }
    // Any action taken on a re-presented mandate answers the "present again" flag.
    await em.query(`UPDATE coda_mandate SET to_be_presented_again = false WHERE id = $1`, [id]);
    return work(em, { ...mandate, toBePresentedAgain: false }, bank);
  });
}

/** The office's mandate as it is now, in the transaction (after an action moved it). */
export async function reloadOfficeMandate(
  em: EntityManager,
  id: string,
  officeId: string,
): Promise<CodaMandateRow> {
  return (await lockCodaMandate(em, id, { officeId }))!;
}

import type { EntityManager } from 'typeorm';
import type { BankAccountActivated } from '@fidu/proto-events';
import { markBankAccountActive } from '../db/bank-account.repository';
import { normalizeIban } from '@fidu/service-kit/domain';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * mandates activated a bank account: its entries may flow from now on. A dossier associated before
 * this moment starts exporting at the next daily run ("Lorsque l'activation sera
 * effectuée, les données seront automatiquement déversées").
 */
export async function onBankAccountActivated(
  em: EntityManager,
  e: BankAccountActivated,
  time: Date,
): Promise<void> {
  const activatedAt = e.activatedAt
    ? new Date(Number(e.activatedAt.seconds) * 1000 + Math.floor(e.activatedAt.nanos / 1e6))
    : time;
  await markBankAccountActive(em, {
    iban: normalizeIban(e.iban),
    officeId: e.officeId,
    clientId: e.clientId,
    bankAccountId: e.bankAccountId || null,
    // The bank of the CODA mandate; an event that names none leaves the account without a bank (no delivery).
    bankId: UUID.test(e.bankId) ? e.bankId.toLowerCase() : null,
    activatedAt,
    activatedBy: 'MANDATES_EVENT',
  });
}

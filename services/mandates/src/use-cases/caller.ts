import type { DataSource, EntityManager } from 'typeorm';
import {
  DomainError,
  findClientsInDirectory,
  type ClientDirectoryEntry,
  type Principal,
} from '@fidu/service-kit';
import type { BankKind } from '../domain/bank-kind';

/** Who acts and in which request: recorded in the history and carried by events. */
export interface Caller {
  actor: string;
  correlationId: string;
}

/** The actor label of a principal, as history and events show it. */
export function actorOf(principal: Principal): string {
  switch (principal.kind) {
    case 'office':
      return `office:${principal.userId}`;
    case 'partner':
      return `partner:${principal.partnerType}:${principal.partnerId}`;
    case 'operator':
      return `operator:${principal.userId}`;
    case 'company':
      return `company:${principal.companyId}`;
    case 'voucher_user':
      return `voucher_user:${principal.voucherUserId}`;
    case 'anonymous':
      return 'anonymous';
  }
}

/** The system itself (reactions to events, scheduled jobs). */
export const SYSTEM = 'system';

/** The office's client as this service knows it, or MANDATES_CLIENT_NOT_FOUND (also for another office's client). */
export async function requireClient(
  db: DataSource | EntityManager,
  officeId: string,
  clientId: string,
): Promise<ClientDirectoryEntry> {
  const [client] = await findClientsInDirectory(db, officeId, [clientId]);
  if (!client)
    throw new DomainError('MANDATES_CLIENT_NOT_FOUND', 'No such client in your office.', 'clientId');
  return client;
}

export interface BankRow {
  id: string;
  name: string;
  bic: string;
  kind: BankKind;
  supportsEsignature: boolean;
  supportsCaro: boolean;
}

export async function findBank(db: DataSource | EntityManager, bankId: string): Promise<BankRow | undefined> {
  const [bank] = (await db.query(
    `SELECT id, name, bic, kind, supports_esignature AS "supportsEsignature", supports_caro AS "supportsCaro" FROM bank WHERE id = $1`,
    [bankId],
  )) as BankRow[];
  return bank;
}

/** A required free-text reason (archive, rejection…), trimmed; `code` when blank. */
export function requireReason(value: string | null | undefined, code: string, field = 'reason'): string {
  const reason = (value ?? '').trim();
  if (!reason) throw new DomainError(code, 'Say why (a reason is required).', field);
  if (reason.length > 500) throw new DomainError(code, 'The reason is limited to 500 characters.', field);
  return reason;
}

/** Optional reason: trimmed, null when blank, at most 500 characters. */
export function optionalReason(value: string | null | undefined): string | null {
  const reason = (value ?? '').trim();
  if (reason.length > 500)
    throw new DomainError('MANDATES_REASON_TOO_LONG', 'The reason is limited to 500 characters.', 'reason');
  return reason || null;
}

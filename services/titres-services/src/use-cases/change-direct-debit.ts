import type { DataSource } from 'typeorm';
import { appendToOutbox, DomainError, requireUuid } from '@fidu/service-kit';
import { nextDirectDebitState, type DirectDebitAction } from '../domain/direct-debit-states';
import type { CompanySideScope } from '../domain/titres-scope';
import { directDebitNotFound } from '../domain/titres.errors';
import { directDebitStateChangedEvent } from '../events/direct-debit-events';
import { DIRECT_DEBIT_COLUMNS, type DirectDebitRow } from '../read-models/direct-debit.read-model';

/**
 * Moves a direct-debit request along its table: the company (or office) cancels; an operator of
 * the platform accepts (the bank confirmed the mandate) or rejects it with a reason.
 */
export async function changeDirectDebit(
  ds: DataSource,
  scope: CompanySideScope | null,
  input: { requestId: string; action: DirectDebitAction; reason?: string | null },
  now = new Date(),
): Promise<DirectDebitRow> {
  const id = requireUuid(input.requestId, 'requestId');
  const reason = input.reason?.trim() || null;
  if (reason && reason.length > 500)
    throw new DomainError('TS_REASON_TOO_LONG', 'A reason has at most 500 characters.', 'reason');
  if (input.action === 'REJECT' && !reason) {
    throw new DomainError('TS_REJECTION_REASON_REQUIRED', 'Say why the direct debit is rejected.', 'reason');
  }
  return ds.transaction(async (em) => {
    const params: unknown[] = [id];
    let where = '';
    if (scope) {
      params.push(scope.kind === 'office' ? scope.officeId : scope.companyId);
      where = scope.kind === 'office' ? ' AND office_id = $2' : ' AND company_id = $2';
    }
    const [row] = (await em.query(
      `SELECT ${DIRECT_DEBIT_COLUMNS} FROM direct_debit_request WHERE id = $1${where} FOR UPDATE`,
      params,
    )) as DirectDebitRow[];
    if (!row) throw directDebitNotFound();
    const old = row.state;
    const next: DirectDebitRow = {
      ...row,
      state: nextDirectDebitState(row.state, input.action),
      reason,
      updatedAt: now,
    };
    await em.query(`UPDATE direct_debit_request SET state = $2, reason = $3, updated_at = $4 WHERE id = $1`, [
      id,
      next.state,
      reason,
      now,
    ]);
    await appendToOutbox(em, [directDebitStateChangedEvent(next, old, now)]);
    return next;
  });
}

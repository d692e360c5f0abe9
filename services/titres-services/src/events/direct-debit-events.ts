import { DirectDebitRequestStateChangedSchema, encodeEvent } from '@fidu/proto-events';
import { timestampFromDate, type OutboxEvent } from '@fidu/service-kit';
import type { DirectDebitState } from '../domain/direct-debit-states';

/** A direct-debit request after its change. */
interface DirectDebitRef {
  id: string;
  officeId: string;
  companyId: string;
  state: DirectDebitState;
  reason: string | null;
}

/** DirectDebitRequestStateChanged, keyed by the request id; oldState is '' for a new request. */
export function directDebitStateChangedEvent(
  request: DirectDebitRef,
  oldState: DirectDebitState | '',
  changedAt: Date,
): OutboxEvent {
  return encodeEvent(
    DirectDebitRequestStateChangedSchema,
    {
      requestId: request.id,
      officeId: request.officeId,
      companyId: request.companyId,
      oldState,
      newState: request.state,
      reason: request.reason ?? '',
      changedAt: timestampFromDate(changedAt),
    },
    { source: 'titres-services', tenant: request.officeId, subject: request.id },
  );
}

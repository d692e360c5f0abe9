import {
  encodeEvent,
  PrestationEncodedSchema,
  PrestationEncoder,
  PrestationState as PrestationStateProto,
  PrestationStateChangedSchema,
} from '@fidu/proto-events';
import { timestampFromDate, type OutboxEvent } from '@fidu/service-kit';
import {
  AWAITING_COMPANY_STATES,
  AWAITING_USER_STATES,
  EXPORT_STATUS,
  type PrestationAction,
  type PrestationState,
} from '../domain/prestation-states';

const SOURCE = 'titres-services';

/** Proto enum value of a state (same names, prefixed in the proto file). */
export function stateToProto(state: PrestationState): PrestationStateProto {
  return PrestationStateProto[state];
}

/** Who the prestation belongs to: every prestation event carries them, so subscribers filter without a lookup. */
interface PrestationRef {
  id: string;
  officeId: string;
  companyId: string;
  voucherUserId: string;
}

/** PrestationEncoded, keyed by the prestation id. */
export function prestationEncodedEvent(
  p: PrestationRef & {
    workerId: string;
    performedOn: string;
    hours: number;
    activity: string;
    encodedBy: 'WORKER' | 'COMPANY';
    periodEndsOn: string;
  },
  encodedAt: Date,
  correlationId?: string,
): OutboxEvent {
  return encodeEvent(
    PrestationEncodedSchema,
    {
      prestationId: p.id,
      officeId: p.officeId,
      companyId: p.companyId,
      voucherUserId: p.voucherUserId,
      workerId: p.workerId,
      performedOn: p.performedOn,
      hours: p.hours,
      activity: p.activity,
      encodedBy: p.encodedBy === 'WORKER' ? PrestationEncoder.WORKER : PrestationEncoder.COMPANY,
      state: PrestationStateProto.ENCODED,
      periodEndsOn: p.periodEndsOn,
      encodedAt: timestampFromDate(encodedAt),
    },
    { source: SOURCE, tenant: p.officeId, subject: p.id, correlationId },
  );
}

/** What one transition changed, as PrestationStateChanged carries it. */
export interface PrestationChange {
  from: PrestationState;
  to: PrestationState;
  action: PrestationAction;
  reason: string;
  actor: string;
  vouchersNeeded: number;
  vouchersAttributed: number;
  vouchersReimbursementRequested: number;
  at: Date;
  correlationId?: string;
}

/**
 * PrestationStateChanged, keyed by the prestation id: old and new state, the export status code,
 * and whether the new state now waits for the user or for the company.
 */
export function prestationStateChangedEvent(p: PrestationRef, change: PrestationChange): OutboxEvent {
  return encodeEvent(
    PrestationStateChangedSchema,
    {
      prestationId: p.id,
      officeId: p.officeId,
      companyId: p.companyId,
      voucherUserId: p.voucherUserId,
      oldState: stateToProto(change.from),
      newState: stateToProto(change.to),
      action: change.action,
      reason: change.reason,
      actor: change.actor,
      vouchersNeeded: change.vouchersNeeded,
      vouchersAttributed: change.vouchersAttributed,
      vouchersReimbursementRequested: change.vouchersReimbursementRequested,
      exportStatusCode: EXPORT_STATUS[change.to].code,
      changedAt: timestampFromDate(change.at),
      awaitingUserConfirmation: AWAITING_USER_STATES.includes(change.to),
      awaitingCompanyValidation: AWAITING_COMPANY_STATES.includes(change.to),
    },
    { source: SOURCE, tenant: p.officeId, subject: p.id, correlationId: change.correlationId },
  );
}

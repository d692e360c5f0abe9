import {
  isEvent,
  PrestationEncodedSchema,
  PrestationState,
  PrestationStateChangedSchema,
  TITRES_SERVICES_TOPIC_NAMES,
  type DecodedEvent,
} from '@fidu/proto-events';
import { enumName, type SupergraphLink } from '../feed';

/** Payload shared by `prestationChanged` and `prestationAwaitingConfirmation`. */
export const PRESTATION_TYPES_SDL = `
"""A prestation (service performed with titres-services) was encoded or moved from one state to another."""
type PrestationChanged {
  """Id of the event (UUID); use it to ignore a redelivery."""
  eventId: ID!
  """Id of the prestation."""
  prestationId: ID!
  """Id of the approved company that performed it."""
  companyId: ID!
  """Id of the voucher user it was performed for."""
  voucherUserId: ID!
  """State before the change (the Prestation state, e.g. \`ENCODED\`); null when it was just encoded."""
  oldState: String
  """State after the change, e.g. \`VALIDATED\`."""
  newState: String!
  """What was done (\`ENCODE\`, \`CONFIRM\`, \`CONTEST\`, \`VALIDATE\`, \`CORRECT\`, \`CANCEL\`, …)."""
  action: String!
  """Why, in words; null when none was given."""
  reason: String
  """When it happened."""
  occurredAt: DateTime!
  """The prestation as it is now, through the supergraph, with your permissions."""
  prestation: Prestation
}`;

export const PRESTATION_LINKS: Record<string, SupergraphLink> = {
  prestation: { queryField: 'prestation', idArgument: 'id', idOf: (p) => p.prestationId as string },
};

export const PRESTATION_TOPICS = [TITRES_SERVICES_TOPIC_NAMES.prestation];

/** States in which the prestation waits for its voucher user to confirm (or contest) it. */
export const AWAITING_CONFIRMATION = ['ENCODED', 'VALIDATED', 'CORRECTED'];

/** A prestation event as the payload plus its office, company and voucher user; undefined for other events. */
export function prestationStateOf(
  event: DecodedEvent,
):
  | { payload: Record<string, unknown>; officeId: string; companyId: string; voucherUserId: string }
  | undefined {
  const base = { eventId: event.id, occurredAt: event.time.toISOString() };
  if (isEvent(event, PrestationEncodedSchema)) {
    const p = event.payload;
    return {
      officeId: event.tenant || p.officeId,
      companyId: p.companyId,
      voucherUserId: p.voucherUserId,
      payload: {
        ...base,
        prestationId: p.prestationId,
        companyId: p.companyId,
        voucherUserId: p.voucherUserId,
        oldState: null,
        newState: enumName(PrestationState, p.state) ?? 'ENCODED',
        action: 'ENCODE',
        reason: null,
      },
    };
  }
  if (isEvent(event, PrestationStateChangedSchema)) {
    const p = event.payload;
    return {
      officeId: event.tenant || p.officeId,
      companyId: p.companyId,
      voucherUserId: p.voucherUserId,
      payload: {
        ...base,
        prestationId: p.prestationId,
        companyId: p.companyId,
        voucherUserId: p.voucherUserId,
        oldState: enumName(PrestationState, p.oldState),
        newState: enumName(PrestationState, p.newState) ?? 'UNSPECIFIED',
        action: p.action || 'UNSPECIFIED',
        reason: p.reason || null,
      },
    };
  }
  return undefined;
}

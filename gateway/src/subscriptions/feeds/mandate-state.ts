import {
  CaroOrderCreatedSchema,
  CaroOrderState,
  CaroOrderStateChangedSchema,
  CodaMandateOrderedSchema,
  CodaMandateState,
  CodaMandateStateChangedSchema,
  isEvent,
  MANDATES_TOPIC_NAMES,
  SodaMandateOrderedSchema,
  SodaMandateState,
  SodaMandateStateChangedSchema,
  type DecodedEvent,
} from '@fidu/proto-events';
import { enumName, type SupergraphLink } from '../feed';

/**
 * The shared payload of the mandate feeds (`mandateStateChanged` for offices, `sodaMandateChanged`
 * for social secretariats, `bankMandateChanged` for banks): one CODA, SODA or CARO mandate ordered
 * or moved to another state. Defined once here; the feeds differ only by who receives what.
 */
export const MANDATE_STATE_TYPES_SDL = `
"""A CODA, SODA or CARO mandate was ordered or moved from one state to another."""
type MandateStateChanged {
  """Id of the event (UUID); use it to ignore a redelivery."""
  eventId: ID!
  """CODA, SODA or CARO."""
  service: MandateServiceKind!
  """Id of the CODA mandate, SODA mandate or CARO order."""
  mandateId: ID!
  """Id of the office's client the mandate is for."""
  clientId: ID!
  """Id of the bank (CODA, CARO) or social secretariat (SODA) it is addressed to."""
  partnerId: ID
  """State before the change (the service's state enum value, e.g. \`SIGNED\`); null when the mandate was just ordered."""
  oldState: String
  """State after the change, e.g. \`REQUESTED\`."""
  newState: String!
  """Why, in words; null when the event gives none."""
  reason: String
  """Who caused it: \`office:<user id>\`, \`partner:<TYPE>:<id>\` or \`system\`."""
  actor: String
  """When it happened."""
  occurredAt: DateTime!
  """The client as it is now, through the supergraph (offices only: partners cannot read an office's clients)."""
  client: Client
  """The CODA mandate as it is now, through the supergraph; null for SODA and CARO."""
  codaMandate: CodaMandate
}`;

export const MANDATE_STATE_LINKS: Record<string, SupergraphLink> = {
  client: { queryField: 'client', idArgument: 'id', idOf: (p) => p.clientId as string },
  codaMandate: {
    queryField: 'codaMandate',
    idArgument: 'id',
    idOf: (p) => (p.service === 'CODA' ? (p.mandateId as string) : null),
  },
};

export const MANDATE_TOPICS = [
  MANDATES_TOPIC_NAMES.codaMandate,
  MANDATES_TOPIC_NAMES.sodaMandate,
  MANDATES_TOPIC_NAMES.caroOrder,
];

/** A mandate event as the payload, plus who it concerns; undefined for other events. */
export function mandateStateOf(
  event: DecodedEvent,
): { payload: Record<string, unknown>; officeId: string; partnerId: string } | undefined {
  const base = { eventId: event.id, occurredAt: event.time.toISOString() };
  const result = (
    service: 'CODA' | 'SODA' | 'CARO',
    p: { officeId: string; clientId: string; actor: string },
    mandateId: string,
    partnerId: string,
    oldState: string | null,
    newState: string | null,
    reason: string | null,
  ) => ({
    officeId: event.tenant || p.officeId,
    partnerId,
    payload: {
      ...base,
      service,
      mandateId,
      clientId: p.clientId,
      partnerId: partnerId || null,
      oldState,
      newState: newState ?? 'UNSPECIFIED',
      reason: reason || null,
      actor: p.actor || null,
    },
  });
  if (isEvent(event, CodaMandateOrderedSchema)) {
    const p = event.payload;
    return result('CODA', p, p.codaMandateId, p.bankId, null, enumName(CodaMandateState, p.state), null);
  }
  if (isEvent(event, CodaMandateStateChangedSchema)) {
    const p = event.payload;
    return result(
      'CODA',
      p,
      p.codaMandateId,
      p.bankId,
      enumName(CodaMandateState, p.oldState),
      enumName(CodaMandateState, p.newState),
      p.reason,
    );
  }
  if (isEvent(event, SodaMandateOrderedSchema)) {
    const p = event.payload;
    return result(
      'SODA',
      p,
      p.sodaMandateId,
      p.socialSecretariatId,
      null,
      enumName(SodaMandateState, p.state),
      null,
    );
  }
  if (isEvent(event, SodaMandateStateChangedSchema)) {
    const p = event.payload;
    return result(
      'SODA',
      p,
      p.sodaMandateId,
      p.socialSecretariatId,
      enumName(SodaMandateState, p.oldState),
      enumName(SodaMandateState, p.newState),
      p.reason,
    );
  }
  if (isEvent(event, CaroOrderCreatedSchema)) {
    const p = event.payload;
    return result('CARO', p, p.caroOrderId, p.bankId, null, enumName(CaroOrderState, p.state), null);
  }
  if (isEvent(event, CaroOrderStateChangedSchema)) {
    const p = event.payload;
    return result(
      'CARO',
      p,
      p.caroOrderId,
      p.bankId,
      enumName(CaroOrderState, p.oldState),
      enumName(CaroOrderState, p.newState),
      p.reason,
    );
  }
  return undefined;
}

/** Filter shared by the mandate feeds: one client and/or some services. */
export function matchesMandateArgs(payload: Record<string, unknown>, args: Record<string, unknown>): boolean {
  if (args.clientId != null && args.clientId !== payload.clientId) return false;
  const services = args.services as string[] | null | undefined;
  return !services || services.length === 0 || services.includes(payload.service as string);
}

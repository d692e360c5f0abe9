import type { DecodedEvent } from '@fidu/proto-events';
import type { PartnerType, Principal } from '@fidu/service-kit';

/** Who may receive an event: `office:<id>`, `partner:<id>`, `company:<id>` or `voucher_user:<id>`. */
export type AudienceKey = string;

/** The audience key of a principal; undefined for principals that receive no events (operator, anonymous). */
export function audienceOf(principal: Principal): AudienceKey | undefined {
  switch (principal.kind) {
    case 'office':
      return office(principal.officeId);
    case 'partner':
      return partner(principal.partnerId);
    case 'company':
      return company(principal.companyId);
    case 'voucher_user':
      return voucherUser(principal.voucherUserId);
    default:
      return undefined;
  }
}

export const office = (id: string): AudienceKey => `office:${id}`;
export const partner = (id: string): AudienceKey => `partner:${id}`;
export const company = (id: string): AudienceKey => `company:${id}`;
export const voucherUser = (id: string): AudienceKey => `voucher_user:${id}`;

/** What one event becomes for one feed: the payload subscribers see and who may see it. */
export interface Delivery<P = Record<string, unknown>> {
  payload: P;
  /** Every principal allowed to receive it; an empty list delivers to nobody. */
  audience: AudienceKey[];
}

/**
 * A field of the payload that is an object of the supergraph, fetched at delivery time through the
 * gateway's own executor with the subscriber's principal (so the subgraphs' tenancy rules apply).
 */
export interface SupergraphLink {
  /** Root Query field that returns the object by id, e.g. `client`. */
  queryField: string;
  /** Its id argument, e.g. `id` (type `ID!`). */
  idArgument: string;
  /** The id in the payload; null/undefined resolves to null without a query. */
  idOf(payload: Record<string, unknown>): string | null | undefined;
}

/**
 * One root field of the gateway's Subscription type, fed from Kafka. Adding a subscription is one
 * file exporting one of these, listed in `feeds/index.ts`.
 */
export interface SubscriptionFeed {
  /** Root field name, e.g. `clientChanged`. */
  field: string;
  /** Name of the payload type the root field returns (where `links` live), e.g. `ClientChanged`. */
  payloadType: string;
  /** The root field's SDL (with its description), placed inside `type Subscription { … }`. */
  fieldSdl: string;
  /** A complete subscription document for this field: README, demo command and smoke tests use it. */
  example: string;
  /** SDL of the payload types; they may reference any type of the supergraph (e.g. `Client`). */
  typesSdl: string;
  /** Principal kinds that may subscribe; others get a FORBIDDEN error. */
  principalKinds: Principal['kind'][];
  /** For partners: the partner types that may subscribe (default: none). */
  partnerTypes?: PartnerType[];
  /** Topics to consume (the gateway's one consumer subscribes to the union of all feeds' topics). */
  topics: string[];
  /** Maps an event to a delivery, or undefined when this feed ignores it. Pure: no I/O. */
  toDelivery(event: DecodedEvent): Delivery | undefined;
  /** Narrows by the subscriber's field arguments (e.g. one client); default: everything. */
  matches?(payload: Record<string, unknown>, args: Record<string, unknown>): boolean;
  /** Payload fields resolved through the supergraph, by field name (on the payload type). */
  links?: Record<string, SupergraphLink>;
}

/** The name of a protobuf enum value without its prefix (`SodaMandateState.REQUESTED` → `REQUESTED`); null for 0. */
export function enumName(values: Record<number, string>, value: number): string | null {
  return value === 0 ? null : (values[value] ?? String(value));
}

/** Whether a principal may subscribe to a feed (its kind, and for partners its partner type). */
export function mayFollow(feed: SubscriptionFeed, principal: Principal): boolean {
  if (!feed.principalKinds.includes(principal.kind)) return false;
  return principal.kind !== 'partner' || (feed.partnerTypes ?? []).includes(principal.partnerType);
}

import { office, type SubscriptionFeed } from '../feed';
import {
  MANDATE_STATE_LINKS,
  MANDATE_STATE_TYPES_SDL,
  MANDATE_TOPICS,
  mandateStateOf,
  matchesMandateArgs,
} from './mandate-state';

/** `mandateStateChanged`: an office follows the CODA, SODA and CARO mandates of its clients. */
export const mandateStateChangedFeed: SubscriptionFeed = {
  field: 'mandateStateChanged',
  payloadType: 'MandateStateChanged',
  fieldSdl: `
  """
  The CODA, SODA and CARO mandates of your office's clients as they are ordered and change state (offices
  only). With \`clientId\`, one client; with \`services\`, only those services.
  """
  mandateStateChanged(clientId: ID, services: [MandateServiceKind!]): MandateStateChanged!`,
  example:
    'subscription { mandateStateChanged { service mandateId oldState newState reason actor client { companyName } } }',
  typesSdl: MANDATE_STATE_TYPES_SDL,
  principalKinds: ['office'],
  topics: MANDATE_TOPICS,
  toDelivery(event) {
    const change = mandateStateOf(event);
    return change && { payload: change.payload, audience: [office(change.officeId)] };
  },
  matches: matchesMandateArgs,
  links: MANDATE_STATE_LINKS,
};

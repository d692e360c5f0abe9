import { partner, type SubscriptionFeed } from '../feed';
import { MANDATE_STATE_LINKS, MANDATE_TOPICS, mandateStateOf } from './mandate-state';

/** `sodaMandateChanged`: a social secretariat follows the SODA mandates addressed to it. */
export const sodaMandateChangedFeed: SubscriptionFeed = {
  field: 'sodaMandateChanged',
  payloadType: 'MandateStateChanged',
  fieldSdl: `
  """
  The SODA mandates addressed to you as they are ordered and change state, whoever moved them (social
  secretariat partners only). \`client\` is null for you: the client's name is in \`sodaActivationRequested\`.
  """
  sodaMandateChanged: MandateStateChanged!`,
  example:
    'subscription { sodaMandateChanged { mandateId clientId oldState newState reason actor occurredAt } }',
  typesSdl: '',
  principalKinds: ['partner'],
  partnerTypes: ['SOCIAL_SECRETARIAT'],
  topics: MANDATE_TOPICS,
  toDelivery(event) {
    const change = mandateStateOf(event);
    return change && change.payload.service === 'SODA' && change.partnerId
      ? { payload: change.payload, audience: [partner(change.partnerId)] }
      : undefined;
  },
  links: MANDATE_STATE_LINKS,
};

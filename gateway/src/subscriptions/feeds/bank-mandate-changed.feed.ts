import { partner, type SubscriptionFeed } from '../feed';
import { MANDATE_STATE_LINKS, MANDATE_TOPICS, mandateStateOf, matchesMandateArgs } from './mandate-state';

/** `bankMandateChanged`: a bank follows the CODA mandates and CARO orders addressed to it. */
export const bankMandateChangedFeed: SubscriptionFeed = {
  field: 'bankMandateChanged',
  payloadType: 'MandateStateChanged',
  fieldSdl: `
  """
  The CODA mandates and CARO orders addressed to you as they are ordered and change state (bank partners
  only). With \`services\`, only CODA or only CARO. \`codaMandate\` resolves the CODA mandate as you see it.
  """
  bankMandateChanged(services: [MandateServiceKind!]): MandateStateChanged!`,
  example:
    'subscription { bankMandateChanged { service mandateId oldState newState reason codaMandate { state } } }',
  typesSdl: '',
  principalKinds: ['partner'],
  partnerTypes: ['BANK'],
  topics: MANDATE_TOPICS,
  toDelivery(event) {
    const change = mandateStateOf(event);
    return change && change.payload.service !== 'SODA' && change.partnerId
      ? { payload: change.payload, audience: [partner(change.partnerId)] }
      : undefined;
  },
  matches: matchesMandateArgs,
  links: MANDATE_STATE_LINKS,
};

import { voucherUser, type SubscriptionFeed } from '../feed';
import {
  AWAITING_CONFIRMATION,
  PRESTATION_LINKS,
  PRESTATION_TOPICS,
  prestationStateOf,
} from './prestation-state';

/** `prestationAwaitingConfirmation`: a voucher user receives each prestation that now waits for its confirmation. */
export const prestationAwaitingConfirmationFeed: SubscriptionFeed = {
  field: 'prestationAwaitingConfirmation',
  payloadType: 'PrestationChanged',
  fieldSdl: `
  """
  Prestations performed for you that now wait for your confirmation (voucher users only): just encoded,
  validated by the company, or corrected after your contest. Confirm or contest them with the
  \`confirmPrestation\` / \`contestPrestation\` mutations.
  """
  prestationAwaitingConfirmation: PrestationChanged!`,
  example:
    'subscription { prestationAwaitingConfirmation { prestationId newState action occurredAt prestation { id } } }',
  typesSdl: '',
  principalKinds: ['voucher_user'],
  topics: PRESTATION_TOPICS,
  toDelivery(event) {
    const change = prestationStateOf(event);
    return change && AWAITING_CONFIRMATION.includes(change.payload.newState as string)
      ? { payload: change.payload, audience: [voucherUser(change.voucherUserId)] }
      : undefined;
  },
  links: PRESTATION_LINKS,
};

import { company, voucherUser, type SubscriptionFeed } from '../feed';
import {
  PRESTATION_LINKS,
  PRESTATION_TOPICS,
  PRESTATION_TYPES_SDL,
  prestationStateOf,
} from './prestation-state';

/** `prestationChanged`: a company follows its prestations; a voucher user follows the prestations performed for it. */
export const prestationChangedFeed: SubscriptionFeed = {
  field: 'prestationChanged',
  payloadType: 'PrestationChanged',
  fieldSdl: `
  """
  Prestations as they are encoded and change state: an approved company receives its own, a voucher user
  those performed for it.
  """
  prestationChanged: PrestationChanged!`,
  example:
    'subscription { prestationChanged { prestationId oldState newState action reason occurredAt prestation { id } } }',
  typesSdl: PRESTATION_TYPES_SDL,
  principalKinds: ['company', 'voucher_user'],
  topics: PRESTATION_TOPICS,
  toDelivery(event) {
    const change = prestationStateOf(event);
    return (
      change && {
        payload: change.payload,
        audience: [company(change.companyId), voucherUser(change.voucherUserId)],
      }
    );
  },
  links: PRESTATION_LINKS,
};

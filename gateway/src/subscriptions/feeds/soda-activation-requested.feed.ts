import { isEvent, MANDATES_TOPIC_NAMES, SodaActivationRequestedSchema } from '@fidu/proto-events';
import { partner, type SubscriptionFeed } from '../feed';

/** `sodaActivationRequested`: a social secretariat receives the SODA activation requests addressed to it. */
export const sodaActivationRequestedFeed: SubscriptionFeed = {
  field: 'sodaActivationRequested',
  payloadType: 'SodaActivationRequested',
  fieldSdl: `
  """
  The SODA activation requests addressed to you (social secretariat partners only): the first request when
  an office orders SODA for a client whose CODA mandate is signed, then a weekly reminder while delayed.
  Answer with the \`answerSodaActivationRequest\` mutation.
  """
  sodaActivationRequested: SodaActivationRequested!`,
  example:
    'subscription { sodaActivationRequested { sodaMandateId clientCompanyName clientEnterpriseNumber reminderNumber occurredAt socialSecretariat { name } } }',
  typesSdl: `
"""A request to activate SODA (payroll entries) for a client of an accounting office, addressed to one social secretariat."""
type SodaActivationRequested {
  """Id of the event (UUID); use it to ignore a redelivery."""
  eventId: ID!
  """Id of the SODA mandate; answer the request with it."""
  sodaMandateId: ID!
  """Id of the office's client."""
  clientId: ID!
  """The client's legal name, to find your affiliate."""
  clientCompanyName: String!
  """The client's enterprise number (10 digits); null when unknown."""
  clientEnterpriseNumber: String
  """0 for the first request, then 1, 2… for each weekly reminder."""
  reminderNumber: Int!
  """When it was requested."""
  occurredAt: DateTime!
  """You, as the supergraph knows you (any field of SocialSecretariat)."""
  socialSecretariat: SocialSecretariat
}`,
  principalKinds: ['partner'],
  partnerTypes: ['SOCIAL_SECRETARIAT'],
  topics: [MANDATES_TOPIC_NAMES.sodaMandate],
  toDelivery(event) {
    if (!isEvent(event, SodaActivationRequestedSchema)) return undefined;
    const p = event.payload;
    return {
      audience: [partner(p.socialSecretariatId)],
      payload: {
        eventId: event.id,
        sodaMandateId: p.sodaMandateId,
        clientId: p.clientId,
        socialSecretariatId: p.socialSecretariatId,
        clientCompanyName: p.clientCompanyName,
        clientEnterpriseNumber: p.clientEnterpriseNumber || null,
        reminderNumber: p.reminderNumber,
        occurredAt: event.time.toISOString(),
      },
    };
  },
  links: {
    socialSecretariat: {
      queryField: 'socialSecretariat',
      idArgument: 'id',
      idOf: (p) => p.socialSecretariatId as string,
    },
  },
};

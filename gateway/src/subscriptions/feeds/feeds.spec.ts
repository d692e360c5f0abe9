import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ApolloGateway } from '@apollo/gateway';
import { parse, validate, type GraphQLSchema } from 'graphql';
import {
  ClientRegisteredSchema,
  encodeEvent,
  decodeEvent,
  CodaMandateStateChangedSchema,
  CodaMandateState,
  SodaActivationRequestedSchema,
  SodaMandateStateChangedSchema,
  SodaMandateState,
  PrestationState,
  PrestationStateChangedSchema,
  type EncodedEvent,
} from '@fidu/proto-events';
import { buildSubscriptionSchema } from '../subscription-schema';
import { FEEDS } from '.';

const decoded = (e: EncodedEvent) => ({ topic: e.topic, event: decodeEvent(e.value) });
/** Every feed's delivery of one event: field → audience. */
function deliveries(e: EncodedEvent): Record<string, string[]> {
  const { topic, event } = decoded(e);
  const out: Record<string, string[]> = {};
  for (const feed of FEEDS.filter((f) => f.topics.includes(topic))) {
    const delivery = feed.toDelivery(event);
    if (delivery) out[feed.field] = delivery.audience;
  }
  return out;
}

describe('subscription feeds', () => {
  let schema: GraphQLSchema;

  beforeAll(async () => {
    // The checked-in supergraph: a feed linking to a type the supergraph lost fails here, not at start.
    const gateway = new ApolloGateway({
      supergraphSdl: readFileSync(join(__dirname, '..', '..', '..', 'supergraph.graphql'), 'utf8'),
    });
    const { schema: apiSchema } = await gateway.load();
    schema = buildSubscriptionSchema(apiSchema, FEEDS, { listen: () => () => undefined }, { queueLimit: 10 });
    await gateway.stop();
  });

  it('every feed has one root field and a valid example against the supergraph', () => {
    expect(new Set(FEEDS.map((f) => f.field)).size).toBe(FEEDS.length);
    for (const feed of FEEDS)
      expect([feed.field, validate(schema, parse(feed.example)).map((e) => e.message)]).toEqual([
        feed.field,
        [],
      ]);
  });

  it('a client event goes to its office only', () => {
    const event = encodeEvent(
      ClientRegisteredSchema,
      { clientId: 'c1', officeId: 'o1', companyName: 'X', version: 1 },
      { source: 'clients', tenant: 'o1', subject: 'c1' },
    );
    expect(deliveries(event)).toEqual({ clientChanged: ['office:o1'] });
  });

  it('a SODA state change goes to the office and to the secretariat it is addressed to', () => {
    const event = encodeEvent(
      SodaMandateStateChangedSchema,
      {
        sodaMandateId: 's1',
        officeId: 'o1',
        clientId: 'c1',
        socialSecretariatId: 'p1',
        oldState: SodaMandateState.SIGNED,
        newState: SodaMandateState.REQUESTED,
        reason: 'asked',
        actor: 'system',
      },
      { source: 'mandates', tenant: 'o1', subject: 's1' },
    );
    expect(deliveries(event)).toEqual({
      mandateStateChanged: ['office:o1'],
      sodaMandateChanged: ['partner:p1'],
    });
    const payload = FEEDS.find((f) => f.field === 'mandateStateChanged')?.toDelivery(
      decoded(event).event,
    )?.payload;
    expect(payload).toMatchObject({
      service: 'SODA',
      mandateId: 's1',
      clientId: 'c1',
      oldState: 'SIGNED',
      newState: 'REQUESTED',
      reason: 'asked',
      actor: 'system',
    });
  });

  it('a CODA state change goes to the office and to its bank, never to a secretariat', () => {
    const event = encodeEvent(
      CodaMandateStateChangedSchema,
      {
        codaMandateId: 'm1',
        officeId: 'o1',
        clientId: 'c1',
        bankId: 'b1',
        oldState: CodaMandateState.AVAILABLE_ONLINE,
        newState: CodaMandateState.SIGNED,
      },
      { source: 'mandates', tenant: 'o1', subject: 'm1' },
    );
    expect(deliveries(event)).toEqual({
      mandateStateChanged: ['office:o1'],
      bankMandateChanged: ['partner:b1'],
    });
  });

  it('an activation request goes to its secretariat only', () => {
    const event = encodeEvent(
      SodaActivationRequestedSchema,
      {
        sodaMandateId: 's1',
        officeId: 'o1',
        clientId: 'c1',
        socialSecretariatId: 'p1',
        clientCompanyName: 'ACME',
        reminderNumber: 0,
      },
      { source: 'mandates', tenant: 'o1', subject: 's1' },
    );
    expect(deliveries(event)).toEqual({ sodaActivationRequested: ['partner:p1'] });
  });

  it('a prestation change goes to its company and voucher user; to "awaiting confirmation" only when it waits for the user', () => {
    const change = (newState: PrestationState) =>
      encodeEvent(
        PrestationStateChangedSchema,
        {
          prestationId: 'p1',
          officeId: 'o1',
          companyId: 'co1',
          voucherUserId: 'vu1',
          oldState: PrestationState.ENCODED,
          newState,
          action: 'X',
        },
        { source: 'titres-services', tenant: 'o1', subject: 'p1' },
      );
    expect(deliveries(change(PrestationState.VALIDATED))).toEqual({
      prestationChanged: ['company:co1', 'voucher_user:vu1'],
      prestationAwaitingConfirmation: ['voucher_user:vu1'],
    });
    expect(deliveries(change(PrestationState.CONFIRMED))).toEqual({
      prestationChanged: ['company:co1', 'voucher_user:vu1'],
    });
  });
});

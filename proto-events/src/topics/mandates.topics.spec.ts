import { decodeEvent, encodeEvent, isEvent } from '../codec';
import { topicOf } from '../topics';
import {
  BankAccountActivatedSchema,
  CaroOrderStateChangedSchema,
  CodaMandateState,
  CodaMandateStateChangedSchema,
  MANDATES_TOPICS,
  MANDATES_TOPIC_NAMES,
  SodaActivationRequestedSchema,
  SodaMandateState,
  SodaMandateStateChangedSchema,
} from './mandates.topics';

describe('mandates topics', () => {
  it('registers each aggregate on its own versioned topic', () => {
    expect(Object.keys(MANDATES_TOPICS).sort()).toEqual(Object.values(MANDATES_TOPIC_NAMES).sort());
    expect(topicOf(CodaMandateStateChangedSchema)).toBe('mandates.coda-mandate.v1');
    expect(topicOf(SodaActivationRequestedSchema)).toBe('mandates.soda-mandate.v1');
    expect(topicOf(CaroOrderStateChangedSchema)).toBe('mandates.caro-order.v1');
    expect(topicOf(BankAccountActivatedSchema)).toBe('mandates.bank-account.v1');
  });

  it('round-trips a state change with tenant, old and new state, reason and secretariat', () => {
    const encoded = encodeEvent(
      SodaMandateStateChangedSchema,
      {
        sodaMandateId: 'm-1',
        officeId: 'office-1',
        clientId: 'c-1',
        socialSecretariatId: 's-1',
        oldState: SodaMandateState.REQUESTED,
        newState: SodaMandateState.ARCHIVED,
        reason: 'client not affiliated',
        actor: 'partner:SOCIAL_SECRETARIAT:s-1',
      },
      { source: 'mandates', tenant: 'office-1', subject: 'm-1' },
    );
    expect(encoded.key).toBe('m-1');
    const decoded = decodeEvent(encoded.value);
    expect(isEvent(decoded, SodaMandateStateChangedSchema)).toBe(true);
    if (!isEvent(decoded, SodaMandateStateChangedSchema)) return;
    expect(decoded.tenant).toBe('office-1');
    expect(decoded.payload).toMatchObject({
      oldState: SodaMandateState.REQUESTED,
      newState: SodaMandateState.ARCHIVED,
      socialSecretariatId: 's-1',
    });
    expect(CodaMandateState[CodaMandateState.BANK_PROCEDURE]).toBe('BANK_PROCEDURE');
  });
});

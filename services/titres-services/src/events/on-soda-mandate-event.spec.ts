import {
  decodeEvent,
  encodeEvent,
  SodaMandateState,
  SodaMandateStateChangedSchema,
  ClientRegisteredSchema,
} from '@fidu/proto-events';
import { chargeableFactsOf } from './on-soda-mandate-event';

function soda(oldState: SodaMandateState, newState: SodaMandateState) {
  return decodeEvent(
    encodeEvent(
      SodaMandateStateChangedSchema,
      {
        sodaMandateId: 'm-1',
        officeId: 'o-1',
        clientId: 'c-1',
        socialSecretariatId: 's-1',
        oldState,
        newState,
      },
      { source: 'mandates', tenant: 'o-1', subject: 'm-1', time: new Date('2026-11-22T23:30:00Z') },
    ).value,
  );
}

describe('chargeableFactsOf', () => {
  it('charges a SODA mandate when it becomes active (Brussels date), once as activation and once as first file', () => {
    expect(chargeableFactsOf(soda(SodaMandateState.CONFIRMED, SodaMandateState.ACTIVE))).toEqual([
      { kind: 'SODA_MANDATE_ACTIVATED', officeId: 'o-1', mandateId: 'm-1', on: '2026-11-23' },
      { kind: 'SODA_MANDATE_FIRST_FILE', officeId: 'o-1', mandateId: 'm-1', on: '2026-11-23' },
    ]);
  });

  it('ends the monthly fee when an active mandate leaves ACTIVE', () => {
    expect(chargeableFactsOf(soda(SodaMandateState.ACTIVE, SodaMandateState.ARCHIVED))).toEqual([
      { kind: 'SODA_MANDATE_ENDED', officeId: 'o-1', mandateId: 'm-1', on: '2026-11-23' },
    ]);
  });

  it('charges nothing for other changes and other domains', () => {
    expect(chargeableFactsOf(soda(SodaMandateState.REQUESTED, SodaMandateState.CONFIRMED))).toEqual([]);
    const client = decodeEvent(
      encodeEvent(
        ClientRegisteredSchema,
        { clientId: 'c', officeId: 'o', companyName: 'X', clientCode: 'X', version: 1 },
        { source: 'clients', subject: 'c' },
      ).value,
    );
    expect(chargeableFactsOf(client)).toEqual([]);
  });
});

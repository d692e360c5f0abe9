import { decodeEvent, encodeEvent, isEvent } from '../codec';
import { topicOf } from '../topics';
import {
  PrestationEncoder,
  PrestationState,
  PrestationStateChangedSchema,
  TITRES_SERVICES_TOPIC_NAMES,
} from './titres-services.topics';

describe('titres-services topics', () => {
  it('puts prestation events on titres-services.prestation.v1, keyed by prestation id', () => {
    const event = encodeEvent(
      PrestationStateChangedSchema,
      {
        prestationId: 'p-1',
        officeId: 'o-1',
        companyId: 'c-1',
        voucherUserId: 'u-1',
        oldState: PrestationState.PARTIALLY_ATTRIBUTED,
        newState: PrestationState.PARTIALLY_REIMBURSED,
        action: 'REIMBURSE',
        reason: '2 vouchers',
        exportStatusCode: 17,
      },
      { source: 'titres-services', tenant: 'o-1', subject: 'p-1' },
    );
    expect(event.topic).toBe(TITRES_SERVICES_TOPIC_NAMES.prestation);
    expect(event.key).toBe('p-1');
    const decoded = decodeEvent(event.value);
    expect(isEvent(decoded, PrestationStateChangedSchema)).toBe(true);
    if (!isEvent(decoded, PrestationStateChangedSchema)) return;
    expect(decoded.payload).toMatchObject({
      companyId: 'c-1',
      voucherUserId: 'u-1',
      oldState: 16,
      newState: 17,
    });
  });

  it('registers every message of the service on a topic of its own', () => {
    expect(topicOf('fidu.titres_services.v1.PrestationEncoded')).toBe('titres-services.prestation.v1');
    expect(topicOf('fidu.titres_services.v1.InvoiceIssued')).toBe('titres-services.invoice.v1');
    expect(topicOf('fidu.titres_services.v1.DirectDebitRequestStateChanged')).toBe(
      'titres-services.direct-debit.v1',
    );
    expect(PrestationEncoder.WORKER).toBe(1);
  });
});

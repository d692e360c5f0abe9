import { create, toBinary } from '@bufbuild/protobuf';
import { timestampFromDate } from '@bufbuild/protobuf/wkt';
import {
  decodeEvent,
  encodeEvent,
  EVENT_CONTENT_TYPE,
  isEvent,
  MalformedEventError,
  UnknownEventTypeError,
} from './codec';
import {
  ClientRegisteredSchema,
  ClientUpdatedSchema,
  FieldChangeSchema,
} from './gen/fidu/clients/v1/client_events_pb';
import { EventEnvelopeSchema } from './gen/fidu/events/v1/envelope_pb';
import { BankAccountActivatedSchema } from './gen/fidu/mandates/v1/bank_account_events_pb';
import { ALL_TOPICS, deadLetterTopicOf, topicOf, TOPICS } from './topics';

const officeId = '7f0c3c1e-0b5a-4b8e-9d2e-3c4f5a6b7c8d';
const clientId = '2b1d9a40-6c7e-4f3a-8e21-9a0b1c2d3e4f';
const time = new Date('2025-03-14T09:26:53.589Z');

describe('encodeEvent / decodeEvent', () => {
  it('round-trips ClientRegistered with its attributes, key and headers', () => {
    const encoded = encodeEvent(
      ClientRegisteredSchema,
      {
        clientId,
        officeId,
        enterpriseNumber: '',
        companyName: 'Boulangerie Dupont SRL',
        clientCode: 'DUPONT',
        email: 'compta@dupont.be',
        phone: '+32 2 123 45 67',
        language: 'fr',
        street: 'Rue de la Loi 16',
        postalCode: '1000',
        city: 'Bruxelles',
        country: 'BE',
        version: 1,
      },
      { id: 'e1', source: 'clients', tenant: officeId, correlationId: 'req-42', subject: clientId, time },
    );

    expect(encoded).toMatchObject({
      id: 'e1',
      topic: 'clients.client.v1',
      key: clientId,
      type: 'fidu.clients.v1.ClientRegistered',
    });
    expect(encoded.headers).toEqual({
      ce_specversion: '1.0',
      ce_id: 'e1',
      ce_type: 'fidu.clients.v1.ClientRegistered',
      ce_source: 'clients',
      ce_time: '2025-03-14T09:26:53.589Z',
      ce_tenant: officeId,
      ce_correlationid: 'req-42',
      ce_subject: clientId,
      'content-type': EVENT_CONTENT_TYPE,
    });

    const decoded = decodeEvent(encoded.value);
    expect(decoded).toMatchObject({
      id: 'e1',
      type: 'fidu.clients.v1.ClientRegistered',
      source: 'clients',
      tenant: officeId,
      correlationId: 'req-42',
      subject: clientId,
    });
    expect(decoded.time.toISOString()).toBe(time.toISOString());
    expect(isEvent(decoded, ClientUpdatedSchema)).toBe(false);
    if (!isEvent(decoded, ClientRegisteredSchema)) throw new Error('expected a ClientRegistered');
    expect(decoded.payload).toMatchObject({
      clientId,
      officeId,
      enterpriseNumber: '',
      companyName: 'Boulangerie Dupont SRL',
      clientCode: 'DUPONT',
      email: 'compta@dupont.be',
      phone: '+32 2 123 45 67',
      language: 'fr',
      street: 'Rue de la Loi 16',
      postalCode: '1000',
      city: 'Bruxelles',
      country: 'BE',
      version: 1,
    });
  });

  it('round-trips ClientUpdated and tells an empty old/new value from an absent one', () => {
    const payload = create(ClientUpdatedSchema, {
      clientId,
      officeId,
      version: 4,
      changes: [
        { field: 'companyName', oldValue: 'Dupont', newValue: 'Boulangerie Dupont SRL' },
        { field: 'email', oldValue: 'old@dupont.be' },
        { field: 'enterpriseNumber', newValue: '0403170701' },
        { field: 'phone', oldValue: '', newValue: '+32 2 123 45 67' },
        { field: 'street', oldValue: 'Rue Haute 1', newValue: '' },
      ],
    });
    const encoded = encodeEvent(ClientUpdatedSchema, payload, {
      source: 'clients',
      tenant: officeId,
      subject: clientId,
      time,
    });

    expect(encoded.topic).toBe(TOPICS.clientsClient);
    expect(encoded.key).toBe(clientId);
    expect(encoded.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(encoded.headers).toMatchObject({
      ce_id: encoded.id,
      ce_correlationid: encoded.id,
      ce_type: 'fidu.clients.v1.ClientUpdated',
    });

    // Kafka clients hand values over as Buffers cut from a shared pool: decode at a non-zero offset.
    const pooled = Buffer.concat([Buffer.from('padding'), Buffer.from(encoded.value)]).subarray(7);
    const decoded = decodeEvent(pooled);

    expect(decoded).toMatchObject({
      id: encoded.id,
      correlationId: encoded.id,
      tenant: officeId,
      subject: clientId,
    });
    if (!isEvent(decoded, ClientUpdatedSchema)) throw new Error('expected a ClientUpdated');
    expect(decoded.payload.version).toBe(4);
    const [companyName, email, enterpriseNumber, phone, street] = decoded.payload.changes;
    expect(companyName).toMatchObject({
      field: 'companyName',
      oldValue: 'Dupont',
      newValue: 'Boulangerie Dupont SRL',
    });
    expect(email?.oldValue).toBe('old@dupont.be');
    expect(email?.newValue).toBeUndefined();
    expect(enterpriseNumber?.oldValue).toBeUndefined();
    expect(enterpriseNumber?.newValue).toBe('0403170701');
    expect(phone?.oldValue).toBe('');
    expect(street?.newValue).toBe('');
  });

  it('round-trips BankAccountActivated with its timestamp', () => {
    const bankAccountId = '9c8b7a60-5d4e-4f3a-9b2c-1d0e9f8a7b6c';
    const encoded = encodeEvent(
      BankAccountActivatedSchema,
      { bankAccountId, officeId, clientId, iban: 'BE68539007547034', activatedAt: timestampFromDate(time) },
      { source: 'mandates', tenant: officeId, subject: bankAccountId, time },
    );
    expect(encoded.topic).toBe('mandates.bank-account.v1');
    const decoded = decodeEvent(encoded.value);
    if (!isEvent(decoded, BankAccountActivatedSchema)) throw new Error('expected a BankAccountActivated');
    expect(decoded.payload.iban).toBe('BE68539007547034');
    expect(decoded.payload.activatedAt?.seconds).toBe(BigInt(Math.floor(time.getTime() / 1000)));
  });

  it('defaults tenant to empty (platform-wide), time to now and id to a fresh uuid', () => {
    const before = Date.now();
    const a = encodeEvent(ClientUpdatedSchema, { clientId }, { source: 'clients', subject: clientId });
    const b = encodeEvent(ClientUpdatedSchema, { clientId }, { source: 'clients', subject: clientId });
    expect(a.id).not.toBe(b.id);
    expect(a.headers.ce_tenant).toBe('');
    const decoded = decodeEvent(a.value);
    expect(decoded.tenant).toBe('');
    expect(decoded.time.getTime()).toBeGreaterThanOrEqual(before);
    expect(decoded.time.getTime()).toBeLessThanOrEqual(Date.now());
  });

  it('refuses a payload message of another type than the schema', () => {
    const registered = create(ClientRegisteredSchema, { clientId });
    expect(() =>
      encodeEvent(ClientUpdatedSchema, registered as never, { source: 'clients', subject: clientId }),
    ).toThrow(TypeError);
  });

  it('refuses to encode a type that is on no topic', () => {
    expect(() =>
      encodeEvent(FieldChangeSchema, { field: 'email' }, { source: 'clients', subject: clientId }),
    ).toThrow(UnknownEventTypeError);
  });

  it('throws UnknownEventTypeError for a type that is not registered', () => {
    const value = toBinary(
      EventEnvelopeSchema,
      create(EventEnvelopeSchema, {
        id: 'e9',
        type: 'fidu.clients.v1.ClientDeleted',
        source: 'clients',
        time: timestampFromDate(time),
        subject: clientId,
        data: new Uint8Array([10, 3, 97, 98, 99]),
      }),
    );
    let error: unknown;
    try {
      decodeEvent(value);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(UnknownEventTypeError);
    expect(error).toMatchObject({ code: 'UNKNOWN_EVENT_TYPE', typeName: 'fidu.clients.v1.ClientDeleted' });
  });

  it('throws MalformedEventError for a value that is not an envelope', () => {
    expect(() => decodeEvent(new Uint8Array([0xff, 0xff, 0xff]))).toThrow(MalformedEventError);
    expect(() => decodeEvent(new TextEncoder().encode('{"id":"e1"}'))).toThrow(
      expect.objectContaining({ code: 'MALFORMED_EVENT' }),
    );
  });
});

describe('topics', () => {
  it.each([
    ['fidu.clients.v1.ClientRegistered', 'clients.client.v1'],
    ['fidu.clients.v1.ClientUpdated', 'clients.client.v1'],
    ['fidu.mandates.v1.BankAccountActivated', 'mandates.bank-account.v1'],
  ])('topicOf(%s) is %s', (typeName, topic) => {
    expect(topicOf(typeName)).toBe(topic);
  });

  it('topicOf accepts a schema too', () => {
    expect(topicOf(ClientUpdatedSchema)).toBe(TOPICS.clientsClient);
  });

  it('topicOf throws UnknownEventTypeError for an unregistered type', () => {
    expect(() => topicOf('fidu.clients.v1.FieldChange')).toThrow(UnknownEventTypeError);
  });

  it('lists every topic and names dead-letter topics', () => {
    expect(ALL_TOPICS).toEqual(expect.arrayContaining(['clients.client.v1', 'mandates.bank-account.v1']));
    expect(new Set(ALL_TOPICS).size).toBe(ALL_TOPICS.length);
    expect(deadLetterTopicOf(TOPICS.mandatesBankAccount)).toBe('mandates.bank-account.v1.dlq');
  });

  it('names topics <service>.<aggregate>.v<n>', () => {
    for (const topic of ALL_TOPICS) expect(topic).toMatch(/^[a-z]+(-[a-z]+)*\.[a-z]+(-[a-z]+)*\.v[0-9]+$/);
  });
});

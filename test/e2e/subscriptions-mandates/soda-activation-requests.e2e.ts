import { startSystem, newOffice, type TestSystem } from '../../support/system';
import { eventually } from '../../support/probe';
import {
  BANKS,
  BANK_MOVE,
  ORDER_CODA,
  SECRETARIATS,
  SOFTWARES,
  bankPartner,
  belgianIban,
  createKnownClient,
  ok,
  secretariatPartner,
} from '../mandates-support/mandates-helpers';
import { subscribe, type TestSubscriber } from '../subscriptions-support/subscriber';

const ORDER_SODA = `mutation($input: OrderSodaInput!) { orderSoda(input: $input) { sodaMandates { id state } } }`;
const REQUESTED = `subscription { sodaActivationRequested { eventId occurredAt sodaMandateId clientId clientCompanyName reminderNumber socialSecretariat { id name } } }`;
const SODA_CHANGED = `subscription { sodaMandateChanged { mandateId clientId oldState newState actor client { companyName } } }`;
const OFFICE_MANDATES = `subscription($services: [MandateServiceKind!]) { mandateStateChanged(services: $services) { service mandateId clientId oldState newState reason actor client { companyName } codaMandate { id state } } }`;
const BANK_MANDATES = `subscription { bankMandateChanged { service mandateId clientId oldState newState codaMandate { id state } } }`;

/**
 * Partner subscriptions fed by the mandates service: a social secretariat receives the SODA
 * activation request addressed to it within a second of the office's order, another secretariat
 * nothing; the office follows its mandates' states with the client resolved through the supergraph.
 */
describe('subscriptions: SODA activation requests and mandate states', () => {
  let sys: TestSystem;
  let office: string;
  let bnp: string;
  const subscribers: TestSubscriber[] = [];
  const open = (token: string, query: string, variables: Record<string, unknown> = {}) => {
    const s = subscribe(sys.gatewayUrl, token, query, variables);
    subscribers.push(s);
    return s;
  };
  /**
   * This office's clients. A partner's feed (a bank's, a secretariat's) is not per office: every
   * office's orders at the same bank or secretariat reach these subscribers. The assertions are
   * about this office's mandates.
   */
  const ourClients = new Set<string>();
  const aboutOurs = (s: TestSubscriber, feed: string) =>
    s.received.filter((r) => ourClients.has(r.data?.[feed]?.clientId));
  const listening = (n: number) =>
    eventually(`${n} subscribers registered`, async () => sys.gateway.subscriptions.listenerCount() === n);

  /** A client of the office whose CODA mandate (at BNP) is signed, so SODA is requested at once. */
  async function clientWithSignedCoda(n: number): Promise<{ id: string; codaId: string }> {
    const client = await createKnownClient(sys, office, n);
    ourClients.add(client.id);
    const codaId = ok(
      await sys.gql(office, ORDER_CODA, {
        input: { clientId: client.id, bankId: BANKS.bnp, ibans: [belgianIban(500 + n)] },
      }),
    ).orderCoda.codaMandate.id;
    ok(await sys.gql(bnp, BANK_MOVE, { input: { codaMandateId: codaId, state: 'AVAILABLE_ONLINE' } }));
    ok(await sys.gql(bnp, BANK_MOVE, { input: { codaMandateId: codaId, state: 'SIGNED' } }));
    return { id: client.id, codaId };
  }

  beforeAll(async () => {
    sys = await startSystem();
    office = await sys.token(newOffice());
    bnp = await sys.token(bankPartner(BANKS.bnp));
    // Warm the whole path once (mandates use cases, query plans, first fetch) so the 1 s bound measures delivery.
    const warm = await clientWithSignedCoda(600);
    const s = open(await sys.token(secretariatPartner(SECRETARIATS.partena)), REQUESTED);
    await listening(1);
    ok(
      await sys.gql(office, ORDER_SODA, {
        input: {
          clientId: warm.id,
          socialSecretariatIds: [SECRETARIATS.partena],
          softwareId: SOFTWARES.exact,
        },
      }),
    );
    await s.next(() => true, 10_000);
    await Promise.all(subscribers.splice(0).map((x) => x.dispose()));
    await listening(0);
  }, 120_000);
  afterEach(async () => {
    await Promise.all(subscribers.splice(0).map((s) => s.dispose()));
  });
  afterAll(() => sys?.stop());

  it('the addressed secretariat receives the request on the order; another secretariat nothing', async () => {
    const client = await clientWithSignedCoda(601);
    const sdWorx = open(await sys.token(secretariatPartner(SECRETARIATS.sdWorx)), REQUESTED);
    const securex = open(await sys.token(secretariatPartner(SECRETARIATS.securex)), REQUESTED);
    const sdWorxStates = open(await sys.token(secretariatPartner(SECRETARIATS.sdWorx)), SODA_CHANGED);
    await listening(3);

    const soda = ok(
      await sys.gql(office, ORDER_SODA, {
        input: {
          clientId: client.id,
          socialSecretariatIds: [SECRETARIATS.sdWorx],
          softwareId: SOFTWARES.exact,
        },
      }),
    );
    const mandateId = soda.orderSoda.sodaMandates[0].id;
    const request = await sdWorx.next((r) => r.data?.sodaActivationRequested.sodaMandateId === mandateId);
    expect(request.errors).toBeUndefined();
    expect(request.data.sodaActivationRequested).toMatchObject({
      clientId: client.id,
      clientCompanyName: 'Client 0601 SRL',
      reminderNumber: 0,
      socialSecretariat: { id: SECRETARIATS.sdWorx, name: 'SD Worx' },
    });
    // The secretariat also follows the mandate's states (ordered, then signed and requested).
    const requested = await sdWorxStates.next(
      (r) =>
        r.data?.sodaMandateChanged.mandateId === mandateId &&
        r.data.sodaMandateChanged.newState === 'REQUESTED',
    );
    expect(
      aboutOurs(sdWorxStates, 'sodaMandateChanged').every(
        (r) => r.data.sodaMandateChanged.mandateId === mandateId,
      ),
    ).toBe(true);
    // The office's client record stays the office's: the supergraph refuses it to the partner, masked as on HTTP.
    expect(requested.data.sodaMandateChanged.client).toBeNull();
    expect(requested.errors?.map((e) => [e.path, e.extensions?.code])).toEqual([
      [['sodaMandateChanged', 'client'], 'FORBIDDEN'],
    ]);

    // Securex's subscription is live (it gets its own request) and never got SD Worx's.
    const other = await clientWithSignedCoda(602);
    const atSecurex = ok(
      await sys.gql(office, ORDER_SODA, {
        input: {
          clientId: other.id,
          socialSecretariatIds: [SECRETARIATS.securex],
          softwareId: SOFTWARES.exact,
        },
      }),
    );
    await securex.next(
      (r) => r.data?.sodaActivationRequested.sodaMandateId === atSecurex.orderSoda.sodaMandates[0].id,
    );
    expect(
      aboutOurs(securex, 'sodaActivationRequested').map((r) => r.data.sodaActivationRequested.sodaMandateId),
    ).toEqual([atSecurex.orderSoda.sodaMandates[0].id]);
    expect(
      aboutOurs(sdWorx, 'sodaActivationRequested').map((r) => r.data.sodaActivationRequested.sodaMandateId),
    ).toEqual([mandateId]);
  });

  it('a bank or an office cannot subscribe to activation requests', async () => {
    const asBank = open(bnp, REQUESTED);
    const asOffice = open(office, REQUESTED);
    for (const s of [asBank, asOffice])
      expect((await s.next((r) => !!r.errors)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('an office follows its mandates with the client and CODA mandate resolved; the bank its own; another office nothing', async () => {
    const mine = open(office, OFFICE_MANDATES);
    const sodaOnly = open(office, OFFICE_MANDATES, { services: ['SODA'] });
    const stranger = open(await sys.token(newOffice()), OFFICE_MANDATES);
    const bank = open(bnp, BANK_MANDATES);
    const kbc = open(await sys.token(bankPartner(BANKS.kbc)), BANK_MANDATES);
    await listening(5);

    const client = await clientWithSignedCoda(603);
    const signed = await mine.next(
      (r) =>
        r.data?.mandateStateChanged.service === 'CODA' && r.data.mandateStateChanged.newState === 'SIGNED',
    );
    expect(signed.errors).toBeUndefined();
    expect(signed.data.mandateStateChanged).toMatchObject({
      mandateId: client.codaId,
      clientId: client.id,
      oldState: 'AVAILABLE_ONLINE',
      actor: `partner:BANK:${BANKS.bnp}`,
      client: { companyName: 'Client 0603 SRL' },
      codaMandate: { id: client.codaId },
    });
    const atBank = await bank.next(
      (r) =>
        r.data?.bankMandateChanged.mandateId === client.codaId &&
        r.data.bankMandateChanged.newState === 'SIGNED',
    );
    expect(atBank.data.bankMandateChanged).toMatchObject({
      service: 'CODA',
      mandateId: client.codaId,
      codaMandate: { id: client.codaId },
    });

    ok(
      await sys.gql(office, ORDER_SODA, {
        input: {
          clientId: client.id,
          socialSecretariatIds: [SECRETARIATS.sdWorx],
          softwareId: SOFTWARES.exact,
        },
      }),
    );
    const requested = await sodaOnly.next((r) => r.data?.mandateStateChanged.newState === 'REQUESTED');
    expect(requested.data.mandateStateChanged).toMatchObject({
      service: 'SODA',
      oldState: 'SIGNED',
      actor: expect.stringMatching(/^office:/),
      codaMandate: null,
      client: { companyName: 'Client 0603 SRL' },
    });
    expect(sodaOnly.received.every((r) => r.data?.mandateStateChanged.service === 'SODA')).toBe(true);
    await mine.next(
      (r) =>
        r.data?.mandateStateChanged.service === 'SODA' && r.data.mandateStateChanged.newState === 'REQUESTED',
    );

    expect(stranger.received).toEqual([]);
    expect(aboutOurs(kbc, 'bankMandateChanged')).toEqual([]);
    expect(bank.received.every((r) => r.data?.bankMandateChanged.service !== 'SODA')).toBe(true);
  });
});

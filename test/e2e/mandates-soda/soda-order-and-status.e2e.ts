import {
  isEvent,
  SodaActivationRequestedSchema,
  SodaMandateState,
  SodaMandateStateChangedSchema,
} from '@fidu/proto-events';
import { SODA_REMINDER_JOB } from '@fidu/mandates/testing';
import { startSystem, newOffice, type TestSystem } from '../../support/system';
import { enterpriseNumber } from '../../support/fixtures';
import {
  BANK_MOVE,
  BANKS,
  ORDER_CODA,
  SECRETARIATS,
  SOFTWARES,
  bankPartner,
  belgianIban,
  codeOf,
  createKnownClient,
  mandatesEvents,
  ok,
  secretariatPartner,
} from '../mandates-support/mandates-helpers';

const SODA = `id orderId state stateReason reminderCount socialSecretariat { id name } software { name } history { fromState toState reason actor }`;
const ORDER_SODA = `mutation($input: OrderSodaInput!) { orderSoda(input: $input) { sodaMandates { ${SODA} } } }`;
const OFFICE_LIST = `query($clientId: ID) { sodaMandates(filter: { clientId: $clientId }) { totalCount edges { node { ${SODA} client { id } } } } }`;
const REQUESTS = `query($state: SodaMandateState) { sodaActivationRequests(state: $state) { totalCount edges { node { clientCompanyName clientEnterpriseNumber mandate { id state clientId client { id } socialSecretariat { id } } } } } }`;
const ANSWER = `mutation($input: AnswerSodaActivationRequestInput!) { answerSodaActivationRequest(input: $input) { sodaMandate { id state stateReason } } }`;
const BOOST = `query($clientId: ID!) { sodaBoost(clientId: $clientId) { enterpriseNumber affiliatedSecretariat { id name } affiliations { socialSecretariat { id } affiliated } } }`;
const DECLARE = `mutation($numbers: [String!]!) { declareSodaAffiliations(input: { enterpriseNumbers: $numbers }) { declared } }`;

/** Ordering SODA and following its state, with the social secretariats as partners. */
describe('mandates: SODA from order to activation', () => {
  let sys: TestSystem;
  let office: string;
  let otherOffice: string;
  let sdWorx: string;
  let securex: string;
  let client: { id: string };

  beforeAll(async () => {
    sys = await startSystem();
    office = await sys.token(newOffice());
    otherOffice = await sys.token(newOffice());
    sdWorx = await sys.token(secretariatPartner(SECRETARIATS.sdWorx));
    securex = await sys.token(secretariatPartner(SECRETARIATS.securex));
    client = await createKnownClient(sys, office, 3);
  }, 120_000);
  afterAll(() => sys?.stop());

  it('refuses a software that cannot import SODA, a non-partner secretariat, duplicates, with typed errors', async () => {
    const yuki = await sys.gql(office, ORDER_SODA, {
      input: { clientId: client.id, socialSecretariatIds: [SECRETARIATS.sdWorx], softwareId: SOFTWARES.yuki },
    });
    expect(yuki.errors![0]!.extensions).toMatchObject({
      code: 'SODA_SOFTWARE_CANNOT_IMPORT',
      field: 'softwareId',
      software: 'Yuki',
    });
    expect(yuki.errors![0]!.message).toMatch(/Yuki cannot import SODA/);
    const ucm = await sys.gql(office, ORDER_SODA, {
      input: {
        clientId: client.id,
        socialSecretariatIds: [SECRETARIATS.sdWorx, SECRETARIATS.ucm],
        softwareId: SOFTWARES.exact,
      },
    });
    expect(ucm.errors![0]!.extensions).toMatchObject({
      code: 'SODA_SECRETARIAT_NOT_PARTNER',
      field: 'socialSecretariatIds.1',
    });
    expect(
      codeOf(
        await sys.gql(office, ORDER_SODA, {
          input: { clientId: client.id, socialSecretariatIds: [], softwareId: SOFTWARES.exact },
        }),
      ),
    ).toBe('SODA_SECRETARIAT_REQUIRED');
    expect(
      codeOf(
        await sys.gql(office, ORDER_SODA, {
          input: { clientId: 'x', socialSecretariatIds: [SECRETARIATS.sdWorx], softwareId: SOFTWARES.exact },
        }),
      ),
    ).toBe('INVALID_ID');
    expect(ok(await sys.gql(office, OFFICE_LIST, { clientId: client.id })).sodaMandates.totalCount).toBe(0);
  });

  it('waits for CODA, moves on by itself when CODA is signed, and asks each secretariat', async () => {
    const { orderSoda } = ok(
      await sys.gql(office, ORDER_SODA, {
        input: {
          clientId: client.id,
          socialSecretariatIds: [SECRETARIATS.sdWorx, SECRETARIATS.securex],
          softwareId: SOFTWARES.exact,
        },
      }),
    );
    const [atSdWorx, atSecurex] = orderSoda.sodaMandates;
    expect(orderSoda.sodaMandates.map((m: any) => [m.socialSecretariat.name, m.state])).toEqual([
      ['SD Worx', 'NOT_SIGNED'],
      ['Securex', 'NOT_SIGNED'],
    ]);
    expect(atSdWorx.orderId).toBe(atSecurex.orderId);
    expect(
      codeOf(
        await sys.gql(office, ORDER_SODA, {
          input: {
            clientId: client.id,
            socialSecretariatIds: [SECRETARIATS.securex],
            softwareId: SOFTWARES.exact,
          },
        }),
      ),
    ).toBe('SODA_ALREADY_ORDERED');
    // Not requested yet: the secretariats see nothing.
    expect(ok(await sys.gql(sdWorx, REQUESTS)).sodaActivationRequests.totalCount).toBe(0);

    // CODA ordered and made available online: still not signed.
    const bnp = await sys.token(bankPartner(BANKS.bnp));
    const coda = ok(
      await sys.gql(office, ORDER_CODA, {
        input: { clientId: client.id, bankId: BANKS.bnp, ibans: [belgianIban(201)] },
      }),
    ).orderCoda.codaMandate.id;
    ok(await sys.gql(bnp, BANK_MOVE, { input: { codaMandateId: coda, state: 'AVAILABLE_ONLINE' } }));
    expect(
      ok(await sys.gql(office, OFFICE_LIST, { clientId: client.id }))
        .sodaMandates.edges.map((e: any) => e.node)
        .map((m: any) => m.state),
    ).toEqual(['NOT_SIGNED', 'NOT_SIGNED']);

    ok(await sys.gql(bnp, BANK_MOVE, { input: { codaMandateId: coda, state: 'SIGNED' } }));
    const moved = ok(await sys.gql(office, OFFICE_LIST, { clientId: client.id })).sodaMandates.edges.map(
      (e: any) => e.node,
    );
    expect(moved.map((m: any) => m.state)).toEqual(['REQUESTED', 'REQUESTED']);
    expect(moved[0].history.map((h: any) => [h.fromState, h.toState, h.actor])).toEqual([
      [null, 'NOT_SIGNED', expect.stringMatching(/^office:/)],
      ['NOT_SIGNED', 'SIGNED', 'system'],
      ['SIGNED', 'REQUESTED', 'system'],
    ]);

    // Activation requested from each secretariat: an event addressed to it, with office and client.
    for (const m of [atSdWorx, atSecurex]) {
      const events = await mandatesEvents(sys, m.id);
      const request = events.find((e) => isEvent(e, SodaActivationRequestedSchema));
      if (!request || !isEvent(request, SodaActivationRequestedSchema))
        throw new Error('no SodaActivationRequested');
      expect(request.payload).toMatchObject({
        sodaMandateId: m.id,
        clientId: client.id,
        socialSecretariatId: m.socialSecretariat.id,
        clientCompanyName: 'Client 0003 SRL',
        clientEnterpriseNumber: enterpriseNumber(3),
        reminderNumber: 0,
      });
      expect(request.payload.officeId).toBe(request.tenant);
      const states = events.flatMap((e) =>
        isEvent(e, SodaMandateStateChangedSchema)
          ? [[SodaMandateState[e.payload.oldState], SodaMandateState[e.payload.newState]]]
          : [],
      );
      expect(states).toEqual([
        ['NOT_SIGNED', 'SIGNED'],
        ['SIGNED', 'REQUESTED'],
      ]);
    }

    // Each secretariat sees only the request addressed to it, without the office's client record.
    const seen = ok(await sys.gql(sdWorx, REQUESTS)).sodaActivationRequests;
    expect(seen.totalCount).toBe(1);
    expect(seen.edges.map((e: any) => e.node)[0]).toEqual({
      clientCompanyName: 'Client 0003 SRL',
      clientEnterpriseNumber: `${enterpriseNumber(3).slice(0, 4)}.${enterpriseNumber(3).slice(4, 7)}.${enterpriseNumber(3).slice(7)}`,
      mandate: {
        id: atSdWorx.id,
        state: 'REQUESTED',
        clientId: client.id,
        client: null,
        socialSecretariat: { id: SECRETARIATS.sdWorx },
      },
    });
    expect(
      codeOf(await sys.gql(sdWorx, ANSWER, { input: { sodaMandateId: atSecurex.id, answer: 'ACTIVATE' } })),
    ).toBe('SODA_MANDATE_NOT_FOUND');
    expect(
      codeOf(await sys.gql(office, ANSWER, { input: { sodaMandateId: atSdWorx.id, answer: 'ACTIVATE' } })),
    ).toBe('FORBIDDEN');
    expect(codeOf(await sys.gql(await sys.token(bankPartner(BANKS.bnp)), REQUESTS))).toBe('FORBIDDEN');

    // Not affiliated: archived automatically with that reason, visible to the office; final.
    const archived = ok(
      await sys.gql(securex, ANSWER, { input: { sodaMandateId: atSecurex.id, answer: 'NOT_AFFILIATED' } }),
    ).answerSodaActivationRequest.sodaMandate;
    expect(archived).toEqual({
      id: atSecurex.id,
      state: 'ARCHIVED',
      stateReason: 'Client not affiliated with this social secretariat',
    });
    const officeView = ok(await sys.gql(office, OFFICE_LIST, { clientId: client.id }))
      .sodaMandates.edges.map((e: any) => e.node)
      .find((m: any) => m.id === atSecurex.id);
    expect(officeView).toMatchObject({
      state: 'ARCHIVED',
      stateReason: 'Client not affiliated with this social secretariat',
    });
    expect(officeView.history.at(-1).actor).toBe(`partner:SOCIAL_SECRETARIAT:${SECRETARIATS.securex}`);
    const illegal = await sys.gql(securex, ANSWER, {
      input: { sodaMandateId: atSecurex.id, answer: 'CONFIRM' },
    });
    expect(illegal.errors![0]!.extensions).toMatchObject({
      code: 'SODA_ILLEGAL_TRANSITION',
      fromState: 'ARCHIVED',
      toState: 'CONFIRMED',
    });

    // Delayed requests are reminded weekly, once per week whatever the replicas.
    expect(
      codeOf(await sys.gql(sdWorx, ANSWER, { input: { sodaMandateId: atSdWorx.id, answer: 'REJECT' } })),
    ).toBe('SODA_REASON_REQUIRED');
    expect(
      ok(
        await sys.gql(sdWorx, ANSWER, {
          input: { sodaMandateId: atSdWorx.id, answer: 'DELAY', reason: 'Waiting for the payroll file' },
        }),
      ).answerSodaActivationRequest.sodaMandate.state,
    ).toBe('DELAYED');
    const scheduler = sys.services.mandates.scheduler;
    const now = Date.now();
    expect(await scheduler.trigger(SODA_REMINDER_JOB, new Date(now))).toMatchObject({
      status: 'ran',
      summary: '0 delayed SODA request(s) reminded',
    });
    expect(await scheduler.trigger(SODA_REMINDER_JOB, new Date(now + 7 * 86_400_000))).toMatchObject({
      status: 'ran',
      summary: '1 delayed SODA request(s) reminded',
    });
    expect(await scheduler.trigger(SODA_REMINDER_JOB, new Date(now + 7 * 86_400_000 + 60_000))).toMatchObject(
      {
        status: 'already-ran',
      },
    );
    const reminders = (await mandatesEvents(sys, atSdWorx.id)).flatMap((e) =>
      isEvent(e, SodaActivationRequestedSchema) ? [e.payload.reminderNumber] : [],
    );
    expect(reminders).toEqual([0, 1]);
    expect(
      ok(await sys.gql(office, OFFICE_LIST, { clientId: client.id }))
        .sodaMandates.edges.map((e: any) => e.node)
        .find((m: any) => m.id === atSdWorx.id).reminderCount,
    ).toBe(1);

    ok(await sys.gql(sdWorx, ANSWER, { input: { sodaMandateId: atSdWorx.id, answer: 'CONFIRM' } }));
    expect(
      ok(await sys.gql(sdWorx, ANSWER, { input: { sodaMandateId: atSdWorx.id, answer: 'ACTIVATE' } }))
        .answerSodaActivationRequest.sodaMandate.state,
    ).toBe('ACTIVE');

    // Boost now knows where this client is affiliated (and where not).
    const boost = ok(await sys.gql(office, BOOST, { clientId: client.id })).sodaBoost;
    expect(boost.affiliatedSecretariat).toEqual({ id: SECRETARIATS.sdWorx, name: 'SD Worx' });
    expect(boost.affiliations).toEqual([
      { socialSecretariat: { id: SECRETARIATS.sdWorx }, affiliated: true },
      { socialSecretariat: { id: SECRETARIATS.securex }, affiliated: false },
    ]);
  });

  it('requests activation at once when the client already has a signed CODA mandate (no new signature)', async () => {
    const signedClient = await createKnownClient(sys, office, 4);
    const kbc = await sys.token(bankPartner(BANKS.kbc));
    const coda = ok(
      await sys.gql(office, ORDER_CODA, {
        input: { clientId: signedClient.id, bankId: BANKS.kbc, ibans: [belgianIban(202)] },
      }),
    ).orderCoda.codaMandate.id;
    ok(await sys.gql(kbc, BANK_MOVE, { input: { codaMandateId: coda, state: 'AVAILABLE_ONLINE' } }));
    ok(await sys.gql(kbc, BANK_MOVE, { input: { codaMandateId: coda, state: 'SIGNED' } }));
    const { orderSoda } = ok(
      await sys.gql(office, ORDER_SODA, {
        input: {
          clientId: signedClient.id,
          socialSecretariatIds: [SECRETARIATS.partena],
          softwareId: SOFTWARES.exact,
        },
      }),
    );
    expect(orderSoda.sodaMandates.map((m: any) => m.state)).toEqual(['REQUESTED']);

    // Rejected (PROBLEM, with the reason), then asked again by the office.
    const id = orderSoda.sodaMandates[0].id;
    const again = `mutation($id: ID!) { requestSodaActivationAgain(input: { sodaMandateId: $id }) { sodaMandate { state stateReason } } }`;
    expect(codeOf(await sys.gql(office, again, { id }))).toBe('SODA_ILLEGAL_TRANSITION');
    const partena = await sys.token(secretariatPartner(SECRETARIATS.partena));
    expect(
      ok(
        await sys.gql(partena, ANSWER, {
          input: { sodaMandateId: id, answer: 'REJECT', reason: 'Employer number unknown' },
        }),
      ).answerSodaActivationRequest.sodaMandate,
    ).toEqual({
      id,
      state: 'PROBLEM',
      stateReason: 'Employer number unknown',
    });
    expect(ok(await sys.gql(office, again, { id })).requestSodaActivationAgain.sodaMandate).toEqual({
      state: 'REQUESTED',
      stateReason: 'Activation requested again from the social secretariat',
    });
    const requests = (await mandatesEvents(sys, id)).filter((e) => isEvent(e, SodaActivationRequestedSchema));
    expect(requests).toHaveLength(2);
  });

  it('answers Boost from what secretariats declare, and says why it cannot', async () => {
    const declared = await createKnownClient(sys, office, 5);
    expect(ok(await sys.gql(office, BOOST, { clientId: declared.id })).sodaBoost).toEqual({
      enterpriseNumber: `${enterpriseNumber(5).slice(0, 4)}.${enterpriseNumber(5).slice(4, 7)}.${enterpriseNumber(5).slice(7)}`,
      affiliatedSecretariat: null,
      affiliations: [],
    });
    const partena = await sys.token(secretariatPartner(SECRETARIATS.partena));
    expect(codeOf(await sys.gql(partena, DECLARE, { numbers: ['0123.456.789'] }))).toBe(
      'SODA_AFFILIATIONS_INVALID',
    );
    expect(
      ok(await sys.gql(partena, DECLARE, { numbers: [enterpriseNumber(5), enterpriseNumber(6)] }))
        .declareSodaAffiliations.declared,
    ).toBe(2);
    expect(
      ok(await sys.gql(office, BOOST, { clientId: declared.id })).sodaBoost.affiliatedSecretariat,
    ).toEqual({ id: SECRETARIATS.partena, name: 'Partena Professional' });
    const noNumber = await createKnownClient(sys, office, 8, { enterpriseNumber: null });
    expect(codeOf(await sys.gql(office, BOOST, { clientId: noNumber.id }))).toBe(
      'SODA_BOOST_ENTERPRISE_NUMBER_MISSING',
    );
    expect(codeOf(await sys.gql(otherOffice, BOOST, { clientId: declared.id }))).toBe(
      'MANDATES_CLIENT_NOT_FOUND',
    );
  });

  it('lets the office archive an order before it was requested; the secretariat never sees it', async () => {
    const waiting = await createKnownClient(sys, office, 10);
    const { orderSoda } = ok(
      await sys.gql(office, ORDER_SODA, {
        input: {
          clientId: waiting.id,
          socialSecretariatIds: [SECRETARIATS.sdWorx],
          softwareId: SOFTWARES.exact,
        },
      }),
    );
    const archive = `mutation($id: ID!, $reason: String!) { archiveSodaMandate(input: { sodaMandateId: $id, reason: $reason }) { sodaMandate { state stateReason } } }`;
    expect(codeOf(await sys.gql(office, archive, { id: orderSoda.sodaMandates[0].id, reason: '' }))).toBe(
      'SODA_ARCHIVE_REASON_REQUIRED',
    );
    expect(
      ok(await sys.gql(office, archive, { id: orderSoda.sodaMandates[0].id, reason: 'Ordered by mistake' }))
        .archiveSodaMandate.sodaMandate,
    ).toEqual({
      state: 'ARCHIVED',
      stateReason: 'Ordered by mistake',
    });
    const seen = ok(await sys.gql(sdWorx, REQUESTS))
      .sodaActivationRequests.edges.map((e: any) => e.node)
      .map((n: any) => n.mandate.id);
    expect(seen).not.toContain(orderSoda.sodaMandates[0].id);
    expect(
      codeOf(
        await sys.gql(sdWorx, ANSWER, {
          input: { sodaMandateId: orderSoda.sodaMandates[0].id, answer: 'CONFIRM' },
        }),
      ),
    ).toBe('SODA_MANDATE_NOT_FOUND');
    // Archived: the same secretariat can be ordered again.
    const again = ok(
      await sys.gql(office, ORDER_SODA, {
        input: {
          clientId: waiting.id,
          socialSecretariatIds: [SECRETARIATS.sdWorx],
          softwareId: SOFTWARES.exact,
        },
      }),
    );
    expect(again.orderSoda.sodaMandates[0].state).toBe('NOT_SIGNED');
  });

  it("keeps an office out of another office's SODA mandates", async () => {
    const list = ok(await sys.gql(office, OFFICE_LIST, { clientId: client.id })).sodaMandates;
    expect(list.totalCount).toBe(2);
    expect(ok(await sys.gql(otherOffice, OFFICE_LIST, {})).sodaMandates.totalCount).toBe(0);
    const archive = `mutation($id: ID!) { archiveSodaMandate(input: { sodaMandateId: $id, reason: "mine now" }) { sodaMandate { state } } }`;
    expect(
      codeOf(await sys.gql(otherOffice, archive, { id: list.edges.map((e: any) => e.node)[0].id })),
    ).toBe('SODA_MANDATE_NOT_FOUND');
    expect(
      codeOf(
        await sys.gql(otherOffice, ORDER_SODA, {
          input: {
            clientId: client.id,
            socialSecretariatIds: [SECRETARIATS.partena],
            softwareId: SOFTWARES.exact,
          },
        }),
      ),
    ).toBe('MANDATES_CLIENT_NOT_FOUND');
  });
});

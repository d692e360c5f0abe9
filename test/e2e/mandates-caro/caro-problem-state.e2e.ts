import { CaroInvitationSentSchema, isEvent } from '@fidu/proto-events';
import { CARO_INVITATIONS_JOB } from '@fidu/mandates/testing';
import { startSystem, newOffice, type TestSystem } from '../../support/system';
import {
  BANK_MOVE,
  BANKS,
  ORDER_CODA,
  bankPartner,
  belgianIban,
  codeOf,
  createKnownClient,
  mandatesEvents,
  ok,
} from '../mandates-support/mandates-helpers';

const CARO = `id state stateReason clientReference cardholderEmail cardholderMobile iban invitedAt invitationExpiresAt remindersSent lastDocumentDate replacesCaroOrderId
  bank { id } client { id } history { fromState toState reason actor }`;
const ORDER_CARO = `mutation($input: OrderCaroInput!) { orderCaro(input: $input) { caroOrder { ${CARO} } } }`;
const CONSENT = `mutation($token: String!, $card: String!) { consentToCaro(input: { invitationToken: $token, cardReference: $card }) { state } }`;
const ORDERS = `query($clientId: ID, $state: CaroOrderState) { caroOrders(filter: { clientId: $clientId, state: $state }) { totalCount edges { node { ${CARO} } } } }`;
const BY_STATE = `query($state: CaroOrderState!) { clientsByCaroState(state: $state) { totalCount edges { node { id companyName } } } }`;
const UPDATE_HOLDER = `mutation($input: UpdateCaroCardholderInput!) { updateCaroCardholder(input: $input) { caroOrder { ${CARO} } } }`;
const RECREATE = `mutation($input: RecreateCaroOrderInput!) { recreateCaroOrder(input: $input) { caroOrder { ${CARO} } } }`;
const CANCEL = `mutation($input: CancelCaroOrderInput!) { cancelCaroOrder(input: $input) { caroOrder { state stateReason } } }`;
const REACTIVATE = `mutation($id: ID!) { reactivateCaroOrder(input: { caroOrderId: $id }) { caroOrder { state remindersSent } } }`;
const REPORT = `mutation($id: ID!, $date: Date!) { reportCaroDocument(input: { caroOrderId: $id, documentDate: $date }) { caroOrder { lastDocumentDate } } }`;

const RIGHT = '111122223333';
const WRONG = '999988887777';

/** CARO rules, the invitation, the mismatch → problem, and the three resolutions. */
describe('mandates: CARO from order to activation, and the problem state', () => {
  let sys: TestSystem;
  let office: string;
  let otherOffice: string;
  let client: { id: string };

  /** The invitation token the cardholder received last (from the CaroInvitationSent events). */
  async function lastInvitation(orderId: string) {
    const sent = (await mandatesEvents(sys, orderId)).flatMap((e) =>
      isEvent(e, CaroInvitationSentSchema) ? [e.payload] : [],
    );
    return sent.at(-1)!;
  }

  beforeAll(async () => {
    sys = await startSystem();
    office = await sys.token(newOffice());
    otherOffice = await sys.token(newOffice());
    client = await createKnownClient(sys, office, 9);
    const bnp = await sys.token(bankPartner(BANKS.bnp));
    const coda = ok(
      await sys.gql(office, ORDER_CODA, {
        input: { clientId: client.id, bankId: BANKS.bnp, ibans: [belgianIban(301)] },
      }),
    ).orderCoda.codaMandate.id;
    for (const state of ['AVAILABLE_ONLINE', 'SIGNED', 'BANK_PROCEDURE', 'ACTIVE'])
      ok(await sys.gql(bnp, BANK_MOVE, { input: { codaMandateId: coda, state } }));
  }, 120_000);
  afterAll(() => sys?.stop());

  const input = (overrides: Record<string, unknown> = {}) => ({
    clientId: client.id,
    bankId: BANKS.bnp,
    clientReference: RIGHT,
    cardholderEmail: 'holder@example.be',
    cardholderMobile: '0470 12 34 56',
    ...overrides,
  });

  it('is refused without an active CODA at a bank that supports CARO, or with bad details, saying why', async () => {
    expect(codeOf(await sys.gql(office, ORDER_CARO, { input: input({ bankId: BANKS.argenta }) }))).toBe(
      'CARO_BANK_NOT_SUPPORTED',
    );
    expect(
      codeOf(
        await sys.gql(office, ORDER_CARO, {
          input: input({ bankId: BANKS.kbc, clientReference: '1234567890', iban: belgianIban(302) }),
        }),
      ),
    ).toBe('CARO_ACTIVE_CODA_REQUIRED');
    expect(
      codeOf(
        await sys.gql(office, ORDER_CARO, {
          input: input({ bankId: BANKS.kbc, clientReference: '1234567890' }),
        }),
      ),
    ).toBe('CARO_IBAN_REQUIRED');
    const badRef = await sys.gql(office, ORDER_CARO, { input: input({ clientReference: '12-34' }) });
    expect(badRef.errors![0]!.extensions).toMatchObject({
      code: 'CARO_REFERENCE_INVALID',
      field: 'clientReference',
    });
    expect(badRef.errors![0]!.message).toMatch(/12 digits/);
    expect(
      codeOf(await sys.gql(office, ORDER_CARO, { input: input({ cardholderEmail: 'not-an-email' }) })),
    ).toBe('CARO_CARDHOLDER_EMAIL_INVALID');
    expect(
      codeOf(await sys.gql(office, ORDER_CARO, { input: input({ cardholderMobile: '02 511 11 11' }) })),
    ).toBe('CARO_CARDHOLDER_MOBILE_INVALID');
    expect(codeOf(await sys.gql(otherOffice, ORDER_CARO, { input: input() }))).toBe(
      'MANDATES_CLIENT_NOT_FOUND',
    );
    expect(ok(await sys.gql(office, ORDERS, { clientId: client.id })).caroOrders.totalCount).toBe(0);
  });

  it('goes to PROBLEM when the consenting card does not match; editing the cardholder and resending resolves it', async () => {
    const order = ok(await sys.gql(office, ORDER_CARO, { input: input() })).orderCaro.caroOrder;
    expect(order).toMatchObject({
      state: 'INVITATION_SENT',
      clientReference: RIGHT,
      cardholderMobile: '+32470123456',
      remindersSent: 0,
    });
    expect(Date.parse(order.invitationExpiresAt) - Date.parse(order.invitedAt)).toBe(14 * 86_400_000);
    const first = await lastInvitation(order.id);
    expect(first).toMatchObject({
      caroOrderId: order.id,
      clientId: client.id,
      cardholderEmail: 'holder@example.be',
      reminderNumber: 0,
    });

    expect(
      ok(await sys.gql(null, CONSENT, { token: first.invitationToken, card: WRONG })).consentToCaro.state,
    ).toBe('PROBLEM');
    const problem = ok(
      await sys.gql(office, ORDERS, { clientId: client.id, state: 'PROBLEM' }),
    ).caroOrders.edges.map((e: any) => e.node)[0];
    expect(problem.stateReason).toBe(
      'The card used to consent (…7777) does not match the client reference of the order (…3333)',
    );
    expect(problem.history.at(-1)).toMatchObject({
      fromState: 'INVITATION_SENT',
      toState: 'PROBLEM',
      actor: 'cardholder',
    });
    expect(ok(await sys.gql(office, BY_STATE, { state: 'PROBLEM' })).clientsByCaroState).toEqual({
      totalCount: 1,
      edges: [{ node: { id: client.id, companyName: 'Client 0009 SRL' } }],
    });
    expect(ok(await sys.gql(otherOffice, BY_STATE, { state: 'PROBLEM' })).clientsByCaroState).toEqual({
      totalCount: 0,
      edges: [],
    });
    expect(codeOf(await sys.gql(null, CONSENT, { token: first.invitationToken, card: RIGHT }))).toBe(
      'CARO_INVITATION_USED',
    );

    // Resolution: another cardholder of the same client must consent — edit the details, resend.
    const edited = ok(
      await sys.gql(office, UPDATE_HOLDER, {
        input: { caroOrderId: order.id, cardholderEmail: 'other.holder@example.be' },
      }),
    ).updateCaroCardholder.caroOrder;
    expect(edited).toMatchObject({
      state: 'INVITATION_SENT',
      cardholderEmail: 'other.holder@example.be',
      clientReference: RIGHT,
    });
    const second = await lastInvitation(order.id);
    expect(second.cardholderEmail).toBe('other.holder@example.be');
    expect(second.invitationToken).not.toBe(first.invitationToken);
    expect(codeOf(await sys.gql(null, CONSENT, { token: first.invitationToken, card: RIGHT }))).toBe(
      'CARO_INVITATION_UNKNOWN',
    );
    expect(
      ok(
        await sys.gql(null, CONSENT, {
          token: second.invitationToken,
          card: `${RIGHT.slice(0, 6)} ${RIGHT.slice(6)}`,
        }),
      ).consentToCaro.state,
    ).toBe('ACTIVE');

    const bnp = await sys.token(bankPartner(BANKS.bnp));
    expect(
      ok(await sys.gql(bnp, REPORT, { id: order.id, date: '2026-11-20' })).reportCaroDocument.caroOrder
        .lastDocumentDate,
    ).toBe('2026-11-20');
    expect(
      codeOf(
        await sys.gql(await sys.token(bankPartner(BANKS.kbc)), REPORT, { id: order.id, date: '2026-11-21' }),
      ),
    ).toBe('CARO_ORDER_NOT_FOUND');
    expect(
      ok(await sys.gql(office, BY_STATE, { state: 'ACTIVE' })).clientsByCaroState.edges.map(
        (e: any) => e.node,
      ),
    ).toEqual([{ id: client.id, companyName: 'Client 0009 SRL' }]);
  });

  it('recreates an order whose reference had a typo (the reference is never editable); the wrong one is cancelled', async () => {
    const typo = ok(await sys.gql(office, ORDER_CARO, { input: input({ clientReference: '111122223334' }) }))
      .orderCaro.caroOrder;
    ok(
      await sys.gql(null, CONSENT, {
        token: (await lastInvitation(typo.id)).invitationToken,
        card: '111122223335',
      }),
    );
    expect(
      codeOf(await sys.gql(office, RECREATE, { input: { caroOrderId: typo.id, clientReference: '1111' } })),
    ).toBe('CARO_REFERENCE_INVALID');
    const recreated = ok(
      await sys.gql(office, RECREATE, { input: { caroOrderId: typo.id, clientReference: '111122223335' } }),
    ).recreateCaroOrder.caroOrder;
    expect(recreated).toMatchObject({
      state: 'INVITATION_SENT',
      clientReference: '111122223335',
      replacesCaroOrderId: typo.id,
    });
    const old = ok(await sys.gql(office, ORDERS, { clientId: client.id, state: 'CANCELLED' }))
      .caroOrders.edges.map((e: any) => e.node)
      .find((o: any) => o.id === typo.id);
    expect(old).toMatchObject({ state: 'CANCELLED', stateReason: 'Recreated with reference 111122223335' });
    expect(
      ok(
        await sys.gql(null, CONSENT, {
          token: (await lastInvitation(recreated.id)).invitationToken,
          card: '111122223335',
        }),
      ).consentToCaro.state,
    ).toBe('ACTIVE');
  });

  it('cancels a wrong client/reference pair, which can be reactivated later', async () => {
    const wrongPair = ok(
      await sys.gql(office, ORDER_CARO, { input: input({ clientReference: '555566667777' }) }),
    ).orderCaro.caroOrder;
    expect(codeOf(await sys.gql(office, CANCEL, { input: { caroOrderId: wrongPair.id, reason: '' } }))).toBe(
      'CARO_CANCEL_REASON_REQUIRED',
    );
    expect(
      codeOf(await sys.gql(otherOffice, CANCEL, { input: { caroOrderId: wrongPair.id, reason: 'x' } })),
    ).toBe('CARO_ORDER_NOT_FOUND');
    expect(
      ok(
        await sys.gql(office, CANCEL, {
          input: { caroOrderId: wrongPair.id, reason: 'Reference of another client' },
        }),
      ).cancelCaroOrder.caroOrder,
    ).toEqual({
      state: 'CANCELLED',
      stateReason: 'Reference of another client',
    });
    expect(
      codeOf(await sys.gql(office, CANCEL, { input: { caroOrderId: wrongPair.id, reason: 'again' } })),
    ).toBe('CARO_ILLEGAL_TRANSITION');
    expect(ok(await sys.gql(office, REACTIVATE, { id: wrongPair.id })).reactivateCaroOrder.caroOrder).toEqual(
      { state: 'INVITATION_SENT', remindersSent: 0 },
    );
  });

  it('reminds up to 3 times, then expires after 14 days (daily job, once per day)', async () => {
    const pending = ok(
      await sys.gql(office, ORDER_CARO, { input: input({ clientReference: '444455556666' }) }),
    ).orderCaro.caroOrder;
    const token = (await lastInvitation(pending.id)).invitationToken;
    const invitedAt = Date.parse(pending.invitedAt);
    const day = (n: number) => new Date(invitedAt + n * 86_400_000 + 60_000);
    const scheduler = sys.services.mandates.scheduler;
    expect((await scheduler.trigger(CARO_INVITATIONS_JOB, day(1))).status).toBe('ran');
    for (const n of [3, 6, 9, 12])
      expect((await scheduler.trigger(CARO_INVITATIONS_JOB, day(n))).status).toBe('ran');
    expect((await scheduler.trigger(CARO_INVITATIONS_JOB, day(12))).status).toBe('already-ran');
    const reminders = (await mandatesEvents(sys, pending.id)).flatMap((e) =>
      isEvent(e, CaroInvitationSentSchema) ? [e.payload.reminderNumber] : [],
    );
    expect(reminders).toEqual([0, 1, 2, 3]);
    await scheduler.trigger(CARO_INVITATIONS_JOB, day(14));
    const expired = ok(
      await sys.gql(office, ORDERS, { clientId: client.id, state: 'INVITATION_EXPIRED' }),
    ).caroOrders.edges.map((e: any) => e.node);
    // The order reactivated above was pending too, so it expired with this one.
    expect(expired.map((o: any) => o.id)).toContain(pending.id);
    expect(expired.find((o: any) => o.id === pending.id)).toMatchObject({
      remindersSent: 3,
      stateReason: 'Invitation expired after 14 days without consent',
    });
    expect(codeOf(await sys.gql(null, CONSENT, { token, card: '444455556666' }))).toBe(
      'CARO_INVITATION_EXPIRED',
    );
    expect(codeOf(await sys.gql(null, CONSENT, { token: 'short', card: '444455556666' }))).toBe(
      'CARO_INVITATION_UNKNOWN',
    );
    // Resending the invitation (new cardholder details) brings it back.
    expect(
      ok(
        await sys.gql(office, UPDATE_HOLDER, {
          input: { caroOrderId: pending.id, cardholderMobile: '+32 475 00 00 00' },
        }),
      ).updateCaroCardholder.caroOrder.state,
    ).toBe('INVITATION_SENT');
  });
});

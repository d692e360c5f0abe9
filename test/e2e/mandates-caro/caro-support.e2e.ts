import { CaroInvitationSentSchema, isEvent } from '@fidu/proto-events';
import { instantAt } from '@fidu/service-kit/domain';
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
  secretariatPartner,
  SECRETARIATS,
} from '../mandates-support/mandates-helpers';

const CARO = `id state stateReason clientReference cardholderEmail cardholderMobile iban invitedAt invitationExpiresAt
  remindersSent lastDocumentDate replacesCaroOrderId bank { id } client { id } history { fromState toState reason actor at }`;
const ORDER_CARO = `mutation($input: OrderCaroInput!) { orderCaro(input: $input) { caroOrder { ${CARO} } } }`;
const ORDERS = `query($clientId: ID) { caroOrders(filter: { clientId: $clientId }, first: 100) { edges { node { ${CARO} } } } }`;
const CONSENT = `mutation($token: String!, $card: String!) { consentToCaro(input: { invitationToken: $token, cardReference: $card }) { state } }`;
const UPDATE_HOLDER = `mutation($input: UpdateCaroCardholderInput!) { updateCaroCardholder(input: $input) { caroOrder { state } } }`;
const MESSAGES = `query($id: ID!) { caroInvitationMessages(caroOrderId: $id) {
  id caroOrderId kind reminderNumber cardholderEmail cardholderMobile invitationToken expiresAt sentAt current } }`;
const RUN_JOB = `mutation($at: DateTime!) { runCaroInvitationsJob(input: { at: $at }) { status period summary } }`;

type Message = {
  caroOrderId: string;
  kind: string;
  reminderNumber: number;
  cardholderEmail: string;
  invitationToken: string;
  expiresAt: string;
  current: boolean;
};

const DAY = 86_400_000;

/** Support features: the invitations job run by an operator, and the cardholder's messages. */
describe('mandates: CARO support for platform operators', () => {
  let sys: TestSystem;
  let office: string;
  let operator: string;
  let others: { who: string; token: string | null; code: string }[];
  let client: { id: string };

  beforeAll(async () => {
    sys = await startSystem();
    office = await sys.token(newOffice());
    operator = await sys.token({ kind: 'operator', userId: 'support-1' });
    others = [
      { who: 'office', token: office, code: 'FORBIDDEN' },
      { who: 'bank', token: await sys.token(bankPartner(BANKS.bnp)), code: 'FORBIDDEN' },
      {
        who: 'secretariat',
        token: await sys.token(secretariatPartner(SECRETARIATS.sdWorx)),
        code: 'FORBIDDEN',
      },
      { who: 'company', token: await sys.token({ kind: 'company', companyId: 'co-1' }), code: 'FORBIDDEN' },
      { who: 'anonymous', token: null, code: 'UNAUTHENTICATED' },
    ];
    client = await createKnownClient(sys, office, 31);
    const bnp = await sys.token(bankPartner(BANKS.bnp));
    const coda = ok(
      await sys.gql(office, ORDER_CODA, {
        input: { clientId: client.id, bankId: BANKS.bnp, ibans: [belgianIban(331)] },
      }),
    ).orderCoda.codaMandate.id;
    for (const state of ['AVAILABLE_ONLINE', 'SIGNED', 'BANK_PROCEDURE', 'ACTIVE'])
      ok(await sys.gql(bnp, BANK_MOVE, { input: { codaMandateId: coda, state } }));
  }, 120_000);
  afterAll(() => sys?.stop());

  const orderCaro = async (reference: string) =>
    ok(
      await sys.gql(office, ORDER_CARO, {
        input: {
          clientId: client.id,
          bankId: BANKS.bnp,
          clientReference: reference,
          cardholderEmail: 'holder@example.be',
          cardholderMobile: '0470 12 34 56',
        },
      }),
    ).orderCaro.caroOrder as { id: string; invitedAt: string };
  const messages = async (id: string) =>
    ok(await sys.gql(operator, MESSAGES, { id })).caroInvitationMessages as Message[];
  const stateOf = async (id: string) =>
    (
      ok(await sys.gql(office, ORDERS, { clientId: client.id })).caroOrders.edges.map((e: any) => e.node) as {
        id: string;
        state: string;
        stateReason: string;
      }[]
    ).find((o) => o.id === id)!;

  it("lets an operator read the cardholder's invitation messages, whose token works and stays hidden from everyone else", async () => {
    const order = await orderCaro('222233334444');
    const [invitation, ...rest] = await messages(order.id);
    expect(rest).toEqual([]);
    expect(invitation).toMatchObject({
      caroOrderId: order.id,
      kind: 'INVITATION',
      reminderNumber: 0,
      cardholderEmail: 'holder@example.be',
      cardholderMobile: '+32470123456',
      current: true,
    });
    expect(Date.parse(invitation!.expiresAt) - Date.parse(order.invitedAt)).toBe(14 * DAY);
    // The same token the mail/SMS sender received in CaroInvitationSent.
    const sent = (await mandatesEvents(sys, order.id)).flatMap((e) =>
      isEvent(e, CaroInvitationSentSchema) ? [e.payload] : [],
    );
    expect(sent.map((e) => e.invitationToken)).toEqual([invitation!.invitationToken]);

    // Editing the cardholder sends a new invitation: the old link is no longer current.
    ok(
      await sys.gql(office, UPDATE_HOLDER, {
        input: { caroOrderId: order.id, cardholderEmail: 'new.holder@example.be' },
      }),
    );
    const [old, renewed] = await messages(order.id);
    expect(old).toMatchObject({ invitationToken: invitation!.invitationToken, current: false });
    expect(renewed).toMatchObject({
      kind: 'INVITATION',
      cardholderEmail: 'new.holder@example.be',
      current: true,
    });
    expect(renewed!.invitationToken).not.toBe(invitation!.invitationToken);
    expect(codeOf(await sys.gql(null, CONSENT, { token: old!.invitationToken, card: '222233334444' }))).toBe(
      'CARO_INVITATION_UNKNOWN',
    );
    expect(
      ok(await sys.gql(null, CONSENT, { token: renewed!.invitationToken, card: '222233334444' }))
        .consentToCaro.state,
    ).toBe('ACTIVE');

    // Nobody but an operator reads them; the office's and the bank's views never carry a token.
    for (const { who, token, code } of others)
      expect([who, codeOf(await sys.gql(token, MESSAGES, { id: order.id }))]).toEqual([who, code]);
    const officeView = JSON.stringify(ok(await sys.gql(office, ORDERS, { clientId: client.id })));
    const bankView = JSON.stringify(
      ok(
        await sys.gql(
          await sys.token(bankPartner(BANKS.bnp)),
          `{ bankCodaMandates { edges { node { id state } } } }`,
        ),
      ),
    );
    for (const m of [old!, renewed!]) {
      expect(officeView).not.toContain(m.invitationToken);
      expect(bankView).not.toContain(m.invitationToken);
    }

    // Bad input is a typed error.
    expect(codeOf(await sys.gql(operator, MESSAGES, { id: 'not-a-uuid' }))).toBe('INVALID_ID');
    expect(codeOf(await sys.gql(operator, MESSAGES, { id: '00000000-0000-4000-8000-000000000000' }))).toBe(
      'CARO_ORDER_NOT_FOUND',
    );
  });

  it('lets an operator run the CARO invitations job for an instant, once per Brussels date', async () => {
    const order = await orderCaro('333344445555');
    const invitedAt = Date.parse(order.invitedAt);
    const day4 = new Date(invitedAt + 4 * DAY).toISOString();

    for (const { who, token, code } of others)
      expect([who, codeOf(await sys.gql(token, RUN_JOB, { at: day4 }))]).toEqual([who, code]);
    for (const at of ['tomorrow', '2026-13-45T06:00:00Z', '2026-12-01', ''])
      // Refused at the edge by the DateTime scalar (the resolver's own check stays behind it).
      expect([at, codeOf(await sys.gql(operator, RUN_JOB, { at }))]).toEqual([at, 'INVALID_DATE_TIME']);
    expect(await messages(order.id)).toHaveLength(1);

    // Day 4: the first reminder, with the same link.
    const first = ok(await sys.gql(operator, RUN_JOB, { at: day4 })).runCaroInvitationsJob;
    expect(first.status).toBe('RAN');
    expect(first.summary).toMatch(/^0 CARO invitation\(s\) expired, [1-9]\d* reminded$/);
    expect(first.period).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    const afterReminder = await messages(order.id);
    expect(afterReminder.map((m) => [m.kind, m.reminderNumber])).toEqual([
      ['INVITATION', 0],
      ['REMINDER', 1],
    ]);
    expect(afterReminder[1]!.invitationToken).toBe(afterReminder[0]!.invitationToken);
    expect(afterReminder.every((m) => m.current)).toBe(true);

    // The same Brussels date again (at another hour): nothing more.
    const again = ok(
      await sys.gql(operator, RUN_JOB, { at: instantAt(first.period, '00:05').toISOString() }),
    ).runCaroInvitationsJob;
    expect(again).toEqual({
      status: 'ALREADY_RAN',
      period: first.period,
      summary: null,
    });
    expect(await messages(order.id)).toHaveLength(2);
    expect((await stateOf(order.id)).state).toBe('INVITATION_SENT');

    // Day 15: the invitation expires.
    const day15 = new Date(invitedAt + 15 * DAY).toISOString();
    const expiry = ok(await sys.gql(operator, RUN_JOB, { at: day15 })).runCaroInvitationsJob;
    expect(expiry.status).toBe('RAN');
    expect(expiry.summary).toMatch(/^[1-9]\d* CARO invitation\(s\) expired/);
    expect(await stateOf(order.id)).toMatchObject({
      state: 'INVITATION_EXPIRED',
      stateReason: 'Invitation expired after 14 days without consent',
    });
    expect(ok(await sys.gql(operator, RUN_JOB, { at: day15 })).runCaroInvitationsJob.status).toBe(
      'ALREADY_RAN',
    );
    expect(await messages(order.id)).toHaveLength(2);
  });
});

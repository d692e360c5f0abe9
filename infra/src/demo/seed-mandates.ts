import { DEMO_OFFICE_ID, type DemoContext } from './demo-context';
import { gql } from './seed-clients';

const BANK = {
  bnp: 'ba000000-0000-4000-8000-000000000001',
  kbc: 'ba000000-0000-4000-8000-000000000002',
  belfius: 'ba000000-0000-4000-8000-000000000003',
  argenta: 'ba000000-0000-4000-8000-000000000006',
  crelan: 'ba000000-0000-4000-8000-000000000007',
  beobank: 'ba000000-0000-4000-8000-000000000008',
  revolut: 'ba000000-0000-4000-8000-00000000000e',
};
const SECRETARIAT = {
  securex: '5ec00000-0000-4000-8000-000000000001',
  sdWorx: '5ec00000-0000-4000-8000-000000000002',
  partena: '5ec00000-0000-4000-8000-000000000003',
};
const EXACT = '50f70000-0000-4000-8000-000000000001';

/** A valid Belgian IBAN (ISO 13616 mod-97, with a valid Belgian BBAN check) from a seed. */
function iban(seed: number): string {
  const bban10 = `${String(300 + seed).padStart(3, '0')}${String(4_200_000 + seed * 37).padStart(7, '0')}`;
  const check = Number(bban10) % 97 || 97;
  const bban = `${bban10}${String(check).padStart(2, '0')}`;
  let rem = 0;
  for (const d of `${bban}111400`) rem = (rem * 10 + Number(d)) % 97;
  return `BE${String(98 - rem).padStart(2, '0')}${bban}`;
}

/** The cardholder consents through the invitation link: no bearer token, the token is the credential. */
async function cardholderGql(url: string, query: string, variables: Record<string, unknown>): Promise<void> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await res.json()) as { errors?: { message: string }[] };
  if (body.errors?.length) throw new Error(`demo seed: ${body.errors.map((e) => e.message).join('; ')}`);
}

/**
 * Demo CODA, SODA and CARO data for the demo office, through the gateway as the office and its
 * partners would: mandates in (nearly) every state, CARO orders in every state. Idempotent: skipped when the office already
 * has CODA mandates. Waits until the mandates service has heard of the demo clients (events).
 */
export async function seedMandates(ctx: DemoContext): Promise<string> {
  const { url, officeToken: office } = ctx;
  const existing = await gql<{ codaMandates: { totalCount: number } }>(
    url,
    office,
    `{ codaMandates(first: 1) { totalCount } }`,
  );
  if (existing.codaMandates.totalCount > 0)
    return `mandates demo data already present: ${existing.codaMandates.totalCount} CODA mandates`;

  type Page = {
    clients: {
      edges: {
        node: { id: string; enterpriseNumber: string | null; mandateProfile: { version: number } | null };
      }[];
    };
  };
  let clients: Page['clients']['edges'] = [];
  for (let attempt = 0; attempt < 150; attempt++) {
    clients = (
      await gql<Page>(
        url,
        office,
        `{ clients(first: 40) { edges { node { id enterpriseNumber mandateProfile { version } } } } }`,
      )
    ).clients.edges;
    if (clients.length > 0 && clients.every((c) => c.node.mandateProfile)) break;
    await new Promise((r) => setTimeout(r, 200));
  }
  const ids = clients.filter((c) => c.node.enterpriseNumber).map((c) => c.node.id);
  if (ids.length < 12)
    return 'mandates demo data skipped: the mandates service has not heard of the demo clients yet';

  const bank = async (id: string) => ctx.token({ kind: 'partner', partnerType: 'BANK', partnerId: id });
  const secretariat = async (id: string) =>
    ctx.token({ kind: 'partner', partnerType: 'SOCIAL_SECRETARIAT', partnerId: id });
  const order = async (clientId: string, bankId: string, seed: number) =>
    (
      await gql<{ orderCoda: { codaMandate: { id: string; bankAccounts: { id: string }[] } } }>(
        url,
        office,
        `mutation($input: OrderCodaInput!) { orderCoda(input: $input) { codaMandate { id bankAccounts { id } } } }`,
        { input: { clientId, bankId, ibans: [iban(seed)] } },
      )
    ).orderCoda.codaMandate;
  const move = async (bankId: string, codaMandateId: string, states: string[], reason?: string) => {
    const token = await bank(bankId);
    for (const state of states) {
      await gql(
        url,
        token,
        `mutation($input: ChangeCodaMandateStateInput!) { changeCodaMandateState(input: $input) { codaMandate { id } } }`,
        {
          input: { codaMandateId, state, reason },
        },
      );
    }
  };
  const account = async (bankId: string, bankAccountId: string, state: string) =>
    gql(
      url,
      await bank(bankId),
      `mutation($input: ChangeBankAccountStateInput!) { changeBankAccountState(input: $input) { bankAccount { id } } }`,
      {
        input: { bankAccountId, state },
      },
    );
  const c = (i: number) => ids[i]!;

  // CODA: every state.
  await order(c(0), BANK.argenta, 1); // IN_PREPARATION
  const sent = await order(c(1), BANK.argenta, 2);
  await gql(
    url,
    office,
    `mutation($id: ID!) { resendCodaMandate(input: { codaMandateId: $id }) { codaMandate { id } } }`,
    { id: sent.id },
  ); // SENT_TO_CLIENT
  await order(c(2), BANK.bnp, 3); // IN_TREATMENT
  await move(BANK.bnp, (await order(c(3), BANK.bnp, 4)).id, ['AVAILABLE_ONLINE']);
  await move(BANK.kbc, (await order(c(4), BANK.kbc, 5)).id, ['AVAILABLE_ONLINE', 'SIGNED']);
  await move(BANK.belfius, (await order(c(5), BANK.belfius, 6)).id, [
    'AVAILABLE_ONLINE',
    'SIGNED',
    'BANK_PROCEDURE',
  ]);
  const active = await order(c(6), BANK.bnp, 7);
  await move(BANK.bnp, active.id, ['AVAILABLE_ONLINE', 'SIGNED', 'BANK_PROCEDURE']);
  await account(BANK.bnp, active.bankAccounts[0]!.id, 'ACTIVATION_PENDING_AT_BANK');
  await account(BANK.bnp, active.bankAccounts[0]!.id, 'ACTIVE_WAITING_FOR_FIRST_FILE'); // mandate ACTIVE, BankAccountActivated
  await account(BANK.bnp, active.bankAccounts[0]!.id, 'ACTIVE');
  await move(
    BANK.beobank,
    (await order(c(7), BANK.beobank, 8)).id,
    ['PROBLEM'],
    'Signature does not match the account holder',
  );
  await order(c(8), BANK.revolut, 9); // REGISTERED
  const archived = await order(c(9), BANK.crelan, 10);
  await gql(
    url,
    office,
    `mutation($id: ID!) { archiveCodaMandate(input: { codaMandateId: $id, reason: "Client closed the account" }) { codaMandate { id } } }`,
    {
      id: archived.id,
    },
  );

  // SODA: waiting for CODA, requested, delayed, confirmed, active, archived (not affiliated), problem.
  const orderSoda = async (clientId: string, secretariatIds: string[]) =>
    (
      await gql<{ orderSoda: { sodaMandates: { id: string }[] } }>(
        url,
        office,
        `mutation($input: OrderSodaInput!) { orderSoda(input: $input) { sodaMandates { id } } }`,
        { input: { clientId, socialSecretariatIds: secretariatIds, softwareId: EXACT } },
      )
    ).orderSoda.sodaMandates;
  const answer = async (secretariatId: string, sodaMandateId: string, answers: string[], reason?: string) => {
    const token = await secretariat(secretariatId);
    for (const a of answers) {
      await gql(
        url,
        token,
        `mutation($input: AnswerSodaActivationRequestInput!) { answerSodaActivationRequest(input: $input) { sodaMandate { id } } }`,
        {
          input: { sodaMandateId, answer: a, reason },
        },
      );
    }
  };
  await orderSoda(c(2), [SECRETARIAT.sdWorx]); // NOT_SIGNED
  const [, notAffiliated] = await orderSoda(c(4), [SECRETARIAT.sdWorx, SECRETARIAT.securex]); // SD Worx: REQUESTED
  await answer(SECRETARIAT.securex, notAffiliated!.id, ['NOT_AFFILIATED']); // ARCHIVED
  const [delayed, rejected] = await orderSoda(c(5), [SECRETARIAT.sdWorx, SECRETARIAT.partena]);
  await answer(SECRETARIAT.sdWorx, delayed!.id, ['DELAY'], 'Waiting for the first payroll');
  await answer(SECRETARIAT.partena, rejected!.id, ['REJECT'], 'Employer number unknown');
  const [activeSoda, confirmed] = await orderSoda(c(6), [SECRETARIAT.sdWorx, SECRETARIAT.partena]);
  await answer(SECRETARIAT.sdWorx, activeSoda!.id, ['CONFIRM', 'ACTIVATE']);
  await answer(SECRETARIAT.partena, confirmed!.id, ['CONFIRM']);

  // CARO at BNP for the client with an active CODA mandate there, one order per state. Support
  // staff (an operator) run the daily invitations job 15 days ahead for the first order only (it is
  // the only one waiting then), and read the invitation links the cardholder "received".
  const operator = await ctx.token({ kind: 'operator', userId: 'ops-demo' });
  const orderCaro = async (reference: string) =>
    (
      await gql<{ orderCaro: { caroOrder: { id: string } } }>(
        url,
        office,
        `mutation($input: OrderCaroInput!) { orderCaro(input: $input) { caroOrder { id } } }`,
        {
          input: {
            clientId: c(6),
            bankId: BANK.bnp,
            clientReference: reference,
            cardholderEmail: 'cardholder@example.be',
            cardholderMobile: '+32470123456',
          },
        },
      )
    ).orderCaro.caroOrder;
  const consent = async (orderId: string, card: string) => {
    const { caroInvitationMessages: messages } = await gql<{
      caroInvitationMessages: { invitationToken: string; current: boolean }[];
    }>(
      url,
      operator,
      `query($id: ID!) { caroInvitationMessages(caroOrderId: $id) { invitationToken current } }`,
      {
        id: orderId,
      },
    );
    const link = messages.find((m) => m.current);
    if (!link) throw new Error(`demo seed: no current CARO invitation for ${orderId}`);
    await cardholderGql(
      url,
      `mutation($token: String!, $card: String!) { consentToCaro(input: { invitationToken: $token, cardReference: $card }) { state } }`,
      { token: link.invitationToken, card },
    );
  };
  await orderCaro('000011114444');
  const run = await gql<{ runCaroInvitationsJob: { status: string; summary: string | null } }>(
    url,
    operator,
    `mutation($at: DateTime!) { runCaroInvitationsJob(input: { at: $at }) { status summary } }`,
    { at: new Date(Date.now() + 15 * 86_400_000).toISOString() },
  );
  await orderCaro('000011112222');
  const cancelled = await orderCaro('000011113333');
  await gql(
    url,
    office,
    `mutation($id: ID!) { cancelCaroOrder(input: { caroOrderId: $id, reason: "Card of another client" }) { caroOrder { id } } }`,
    { id: cancelled.id },
  );
  await consent((await orderCaro('000011115555')).id, '000011115555');
  await consent((await orderCaro('000011116666')).id, '000099996666');

  return [
    `mandates: 10 CODA, 8 SODA, 5 CARO for ${DEMO_OFFICE_ID} (CARO invitations job run 15 days ahead: ${run.runCaroInvitationsJob.summary ?? run.runCaroInvitationsJob.status}). Partner tokens:`,
    `  npm run token -- --partner BANK:${BANK.bnp}   (BNP Paribas Fortis)`,
    `  npm run token -- --partner SOCIAL_SECRETARIAT:${SECRETARIAT.sdWorx}   (SD Worx)`,
    `  npm run token -- --operator ops-demo   (support: caroInvitationMessages, runCaroInvitationsJob)`,
  ].join('\n');
}

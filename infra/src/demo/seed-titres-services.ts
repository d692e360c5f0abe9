import type { DemoContext } from './demo-context';

interface GqlError {
  message: string;
  extensions?: { code?: string };
}

async function call<T>(
  url: string,
  token: string,
  query: string,
  variables: Record<string, unknown> = {},
): Promise<{ data?: T; errors?: GqlError[] }> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query, variables }),
  });
  return (await res.json()) as { data?: T; errors?: GqlError[] };
}

async function gql<T>(
  url: string,
  token: string,
  query: string,
  variables: Record<string, unknown> = {},
): Promise<T> {
  const body = await call<T>(url, token, query, variables);
  if (body.errors?.length)
    throw new Error(`titres-services demo seed: ${body.errors.map((e) => e.message).join('; ')}`);
  return body.data as T;
}

const YESTERDAY = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);

/**
 * Titres-services demo: the demo office's client "Nettoyage Dumont" becomes an approved
 * company with two workers and two voucher users, and prestations in every state (16 to 19
 * included), a remise, a pickup and a direct-debit request. Idempotent: skipped when the client is
 * already an approved company.
 */
export async function seedTitresServices(ctx: DemoContext): Promise<string> {
  const { url, officeToken } = ctx;
  const found = await gql<{
    clients: { edges: { node: { id: string; approvedCompany: { id: string } | null } }[] };
  }>(
    url,
    officeToken,
    `{ clients(filter: { search: "Nettoyage Dumont" }, first: 1) { edges { node { id approvedCompany { id } } } } }`,
  );
  const client = found.clients.edges[0]?.node;
  if (!client) return 'titres-services: demo client "Nettoyage Dumont" not found, nothing seeded';
  if (client.approvedCompany)
    return `titres-services: demo already present (company ${client.approvedCompany.id}; npm run token -- --company ${client.approvedCompany.id})`;

  // The client directory of titres-services follows the clients' events: wait until it knows the client.
  let companyId = '';
  for (let attempt = 0; attempt < 60 && !companyId; attempt++) {
    const res = await call<{ registerApprovedCompany: { approvedCompany: { id: string } } }>(
      url,
      officeToken,
      `mutation($input: RegisterApprovedCompanyInput!) { registerApprovedCompany(input: $input) { approvedCompany { id } } }`,
      {
        input: {
          clientId: client.id,
          approvalNumber: '012345',
          financialContact: {
            name: 'Marie Dumont',
            email: 'compta@nettoyage-dumont.be',
            phone: '02 547 54 93',
          },
        },
      },
    );
    if (res.data) companyId = res.data.registerApprovedCompany.approvedCompany.id;
    else if (res.errors?.[0]?.extensions?.code === 'CLIENT_NOT_FOUND')
      await new Promise((r) => setTimeout(r, 500));
    else throw new Error(`titres-services demo seed: ${res.errors?.map((e) => e.message).join('; ')}`);
  }
  if (!companyId) return 'titres-services: the client directory did not catch up; rerun the seed';
  const company = await ctx.token({ kind: 'company', companyId });

  const worker = async (firstName: string, lastName: string, niss: string | null) =>
    (
      await gql<{ addWorker: { worker: { id: string } } }>(
        url,
        company,
        `mutation($input: AddWorkerInput!) { addWorker(input: $input) { worker { id } } }`,
        {
          input: { companyId, firstName, lastName, niss },
        },
      )
    ).addWorker.worker.id;
  const zoe = await worker('Zoé', 'Martin', '85.07.30-033.28');
  const ahmed = await worker('Ahmed', 'Benali', null);

  const user = async (firstName: string, lastName: string, email: string) => {
    const id = (
      await gql<{ registerVoucherUser: { voucherUser: { id: string } } }>(
        url,
        company,
        `mutation($input: RegisterVoucherUserInput!) { registerVoucherUser(input: $input) { voucherUser { id } } }`,
        { input: { companyId, firstName, lastName, email } },
      )
    ).registerVoucherUser.voucherUser.id;
    return { id, token: await ctx.token({ kind: 'voucher_user', voucherUserId: id }) };
  };
  const jeanne = await user('Jeanne', 'Peeters', 'jeanne.peeters@example.be');
  const paul = await user('Paul', 'Lenoir', 'paul.lenoir@example.be');

  const encode = async (u: { id: string }, hours: number, workerId = zoe, activity = 'CLEANING') =>
    (
      await gql<{ encodePrestation: { prestation: { id: string } } }>(
        url,
        company,
        `mutation($input: EncodePrestationInput!) { encodePrestation(input: $input) { prestation { id } } }`,
        {
          input: {
            companyId,
            workerId,
            voucherUserId: u.id,
            performedOn: YESTERDAY,
            hours,
            activity,
            encodedBy: 'WORKER',
          },
        },
      )
    ).encodePrestation.prestation.id;
  const act = (token: string, mutation: string, input: Record<string, unknown>) => {
    const name = mutation.charAt(0).toUpperCase() + mutation.slice(1);
    return gql(
      url,
      token,
      `mutation($input: ${name}Input!) { ${mutation}(input: $input) { prestation { id } } }`,
      { input },
    );
  };
  const orderVouchers = (u: { token: string }, quantity: number) =>
    gql(
      url,
      u.token,
      `mutation($input: OrderVouchersInput!) { orderVouchers(input: $input) { order { id } } }`,
      { input: { quantity } },
    );
  const agree = async (u: { token: string }, id: string) => {
    await act(company, 'validatePrestation', { prestationId: id });
    await act(u.token, 'confirmPrestation', { prestationId: id });
  };
  const remise = (ids: string[]) =>
    gql(
      url,
      company,
      `mutation($input: RequestReimbursementInput!) { requestReimbursement(input: $input) { reimbursementRequest { id } } }`,
      {
        input: { companyId, prestationIds: ids },
      },
    );

  // Jeanne: the seed's example and its neighbours (16, 17, 18, 19), a paid one and a reimbursed one.
  await orderVouchers(jeanne, 9);
  const attributed = await encode(jeanne, 3);
  await agree(jeanne, attributed); // 9 → 6 left
  const reimbursed = await encode(jeanne, 2, ahmed, 'IRONING');
  await agree(jeanne, reimbursed); // 6 → 4 left
  await remise([reimbursed]);
  const complete = await encode(jeanne, 5);
  await agree(jeanne, complete); // 4 of 5 → 16
  const further = await encode(jeanne, 4);
  await agree(jeanne, further); // 0 → AWAITING_VOUCHERS
  const partial = await encode(jeanne, 5);
  await agree(jeanne, partial); // AWAITING_VOUCHERS
  await remise([complete]); // 17
  await orderVouchers(jeanne, 1); // complete: 5/5 → 19
  await orderVouchers(jeanne, 2); // further: 2/4 → 16
  await remise([further]); // further → 17
  await orderVouchers(jeanne, 1); // further: 3/4 → 18
  // partial stays AWAITING_VOUCHERS.

  // Marc: a first partial attribution (16); Lucie: its reimbursement requested (17).
  const marc = await user('Marc', 'Dubois', 'marc.dubois@example.be');
  await orderVouchers(marc, 2);
  await agree(marc, await encode(marc, 4));
  const lucie = await user('Lucie', 'Wouters', 'lucie.wouters@example.be');
  await orderVouchers(lucie, 1);
  const lucieFirst = await encode(lucie, 3, ahmed);
  await agree(lucie, lucieFirst);
  await remise([lucieFirst]);

  // Paul: the parallel-validation states.
  await encode(paul, 2); // ENCODED
  await act(paul.token, 'confirmPrestation', { prestationId: await encode(paul, 3) }); // CONFIRMED
  await act(company, 'validatePrestation', { prestationId: await encode(paul, 2, ahmed) }); // VALIDATED
  await act(paul.token, 'contestPrestation', {
    prestationId: await encode(paul, 4),
    reason: 'Only 3 hours were worked',
  }); // CONTESTED
  const corrected = await encode(paul, 4, ahmed);
  await act(paul.token, 'contestPrestation', { prestationId: corrected, reason: 'It was ironing' });
  await gql(
    url,
    company,
    `mutation($input: CorrectPrestationInput!) { correctPrestation(input: $input) { prestation { id } } }`,
    {
      input: { prestationId: corrected, correction: { activity: 'IRONING' }, reason: 'activity corrected' },
    },
  ); // CORRECTED
  await act(company, 'cancelPrestation', { prestationId: await encode(paul, 1), reason: 'encoded twice' }); // CANCELLED

  // Billing tab: a direct-debit request; and a paper-voucher pickup on the next business day but one.
  await gql(
    url,
    company,
    `mutation($input: RequestDirectDebitInput!) { requestDirectDebit(input: $input) { directDebitRequest { id } } }`,
    {
      input: { companyId, iban: 'BE68 5390 0754 7034', accountHolder: 'Nettoyage Dumont SRL' },
    },
  );
  for (let days = 2; days < 20; days++) {
    const pickupOn = new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
    const res = await call(
      url,
      company,
      `mutation($input: RequestPaperVoucherPickupInput!) { requestPaperVoucherPickup(input: $input) { pickup { id } } }`,
      {
        input: { companyId, pickupOn, envelopeCount: 2, voucherCount: 35 },
      },
    );
    if (!res.errors) break;
  }

  return [
    `titres-services: approved company "Nettoyage Dumont" ${companyId} with prestations in every state (export codes 1–9, 16–19)`,
    `  company token:       npm run token -- --company ${companyId}`,
    `  voucher user tokens: npm run token -- --voucher-user ${jeanne.id}   (Jeanne, partial payments)`,
    `                       npm run token -- --voucher-user ${paul.id}   (Paul, waiting for confirmation)`,
    `  operator (direct debits): npm run token -- --operator ops-demo`,
  ].join('\n');
}

import {
  BankAccountActivatedSchema,
  CodaMandateState,
  CodaMandateStateChangedSchema,
  isEvent,
} from '@fidu/proto-events';
import { DEV_ESIGNATURE_SECRET, pdfTextLines, signLocally } from '@fidu/mandates/testing';
import { sharedSystem, newOffice, type TestSystem } from '../../support/system';
import { eventually } from '../../support/probe';
import {
  ACCOUNT_MOVE,
  BANK_MOVE,
  BANKS,
  CODA_FIELDS,
  ORDER_CODA,
  SET_MODE,
  bankPartner,
  belgianIban,
  codeOf,
  createKnownClient,
  mandatesEvents,
  ok,
  secretariatPartner,
} from '../mandates-support/mandates-helpers';

const MANDATE = `query($id: ID!) { codaMandate(id: $id) { ${CODA_FIELDS} } }`;
const DOWNLOAD = `mutation($id: ID!) { downloadCodaMandateDocument(input: { codaMandateId: $id }) {
  codaMandate { state availableActions } document { fileName contentType contentBase64 downloadUrl downloadUrlExpiresAt documentVersion } } }`;
const SIGN = `mutation($id: ID!) { requestCodaMandateSignature(input: { codaMandateId: $id }) { codaMandate { state } signingLink { url expiresAt } } }`;
const RESEND = `mutation($id: ID!) { resendCodaMandate(input: { codaMandateId: $id }) { codaMandate { state availableActions } } }`;
const ARCHIVE = `mutation($id: ID!, $reason: String!) { archiveCodaMandate(input: { codaMandateId: $id, reason: $reason }) { codaMandate { state stateReason availableActions } } }`;
const CALLBACK = `mutation($input: CompleteCodaMandateSignatureInput!) { completeCodaMandateSignature(input: $input) { codaMandate { id state signedAt bankAccounts { state } } } }`;
const BANK_LIST = `query($state: CodaMandateState) { bankCodaMandates(state: $state) { totalCount edges { node { id state bank { id } } } } }`;

/** CODA from order to activation, with the office's and the bank's actions, through the gateway. */
describe('mandates: CODA from order to activation', () => {
  let sys: TestSystem;
  let officeId: string;
  let office: string;
  let otherOffice: string;
  let argenta: string;
  let beobank: string;
  let bnp: string;
  let clientId: string;

  beforeAll(async () => {
    // The worker's federation: other files' offices, mandates and events are there too, so every
    // assertion keeps to this file's offices (fresh ids) or to the mandates it made.
    sys = await sharedSystem();
    const principal = newOffice();
    officeId = principal.officeId;
    office = await sys.token(principal);
    otherOffice = await sys.token(newOffice());
    argenta = await sys.token(bankPartner(BANKS.argenta));
    beobank = await sys.token(bankPartner(BANKS.beobank));
    bnp = await sys.token(bankPartner(BANKS.bnp));
    clientId = (await createKnownClient(sys, office, 1)).id;
  }, 120_000);
  afterAll(() => sys?.stop());

  it('orders CODA for two accounts at a STANDARD bank: document prepared, actions from the platform mode', async () => {
    const iban1 = belgianIban(11);
    const spaced = belgianIban(12)
      .replace(/(.{4})/g, '$1 ')
      .trim()
      .toLowerCase();
    const { orderCoda } = ok(
      await sys.gql(office, ORDER_CODA, {
        input: { clientId, bankId: BANKS.argenta, ibans: [iban1, spaced] },
      }),
    );
    const m = orderCoda.codaMandate;
    expect(m.state).toBe('IN_PREPARATION');
    expect(m.bank).toEqual({ id: BANKS.argenta, name: 'Argenta', kind: 'STANDARD' });
    expect(m.bankAccounts.map((a: any) => [a.iban, a.state]).sort()).toEqual(
      [iban1, belgianIban(12)].sort().map((iban) => [iban, 'WAITING_FOR_SIGNED_MANDATE']),
    );
    expect(m.documentVersion).toBe(1);
    // Platform manages by default: it resends; the office does not download.
    expect(m.availableActions).toEqual(['SIGN_ELECTRONICALLY', 'ARCHIVE', 'RESEND_TO_CLIENT']);
    expect(m.history.map((h: any) => [h.fromState, h.toState])).toEqual([
      [null, 'IN_TREATMENT'],
      ['IN_TREATMENT', 'IN_PREPARATION'],
    ]);
    expect(m.history[0].actor).toMatch(/^office:/);

    const refused = await sys.gql(office, DOWNLOAD, { id: m.id });
    expect(codeOf(refused)).toBe('CODA_ACTION_NOT_AVAILABLE');
    expect(refused.errors![0]!.extensions!.availableActions).toEqual([
      'SIGN_ELECTRONICALLY',
      'ARCHIVE',
      'RESEND_TO_CLIENT',
    ]);
    expect(ok(await sys.gql(office, MANDATE, { id: m.id })).codaMandate.state).toBe('IN_PREPARATION');
  });

  it('lets an office that manages its mandates download the PDF (which sends it to the client), not resend', async () => {
    const { orderCoda } = ok(
      await sys.gql(office, ORDER_CODA, {
        input: { clientId, bankId: BANKS.beobank, ibans: [belgianIban(21)] },
      }),
    );
    const id = orderCoda.codaMandate.id;
    expect(
      ok(await sys.gql(office, SET_MODE, { mode: 'OFFICE' })).setMandateManagementMode.settings.mode,
    ).toBe('OFFICE');
    expect(ok(await sys.gql(office, MANDATE, { id })).codaMandate.availableActions).toEqual([
      'DOWNLOAD_DOCUMENT',
      'ARCHIVE',
    ]);

    const { downloadCodaMandateDocument: d } = ok(await sys.gql(office, DOWNLOAD, { id }));
    expect(d.codaMandate.state).toBe('SENT_TO_CLIENT');
    expect(d.document).toMatchObject({
      contentType: 'application/pdf',
      fileName: `coda-mandate-${id}-v1.pdf`,
      documentVersion: 1,
    });
    const pdf = Buffer.from(d.document.contentBase64, 'base64');
    expect(pdf.toString('latin1', 0, 5)).toBe('%PDF-');
    expect(pdf.toString('latin1').trimEnd().endsWith('%%EOF')).toBe(true);
    const printed = pdfTextLines(pdf);
    expect(printed).toContain('Client: Client 0001 SRL');
    expect(printed).toContain(`Account: ${belgianIban(21).replace(/(.{4})(?=.)/g, '$1 ')}`);

    // The same PDF behind a full, signed URL through the gateway's file proxy; fetching it changes nothing.
    expect(d.document.downloadUrl).toMatch(
      new RegExp(`^http://127\\.0\\.0\\.1:\\d+/files/mandates/documents/[^/]+/coda-mandate-${id}-v1\\.pdf$`),
    );
    expect(Date.parse(d.document.downloadUrlExpiresAt)).toBeGreaterThan(Date.now());
    const file = await fetch(d.document.downloadUrl);
    expect(file.status).toBe(200);
    expect(file.headers.get('content-type')).toBe('application/pdf');
    expect(pdfTextLines(Buffer.from(await file.arrayBuffer()))).toEqual(printed);
    const forged = d.document.downloadUrl.replace(
      /\/documents\/([^/]+)\//,
      (_: string, t: string) => `/documents/${t}x/`,
    );
    expect((await fetch(forged)).status).toBe(403);
    expect(ok(await sys.gql(office, MANDATE, { id })).codaMandate.history).toHaveLength(3);

    expect(codeOf(await sys.gql(office, RESEND, { id }))).toBe('CODA_ACTION_NOT_AVAILABLE');
    ok(await sys.gql(office, SET_MODE, { mode: 'PLATFORM' }));
    expect(ok(await sys.gql(office, RESEND, { id })).resendCodaMandate.codaMandate.state).toBe(
      'SENT_TO_CLIENT',
    );
  });

  it('signs electronically: a signing link, a verified callback (forged ones refused), retried callbacks harmless', async () => {
    const { orderCoda } = ok(
      await sys.gql(office, ORDER_CODA, {
        input: { clientId, bankId: BANKS.argenta, ibans: [belgianIban(31), belgianIban(32)] },
      }),
    );
    const id = orderCoda.codaMandate.id;
    const { requestCodaMandateSignature: r } = ok(await sys.gql(office, SIGN, { id }));
    expect(r.codaMandate.state).toBe('SENT_TO_CLIENT');
    const token = r.signingLink.url.split('/').pop();

    const forged = { ...signLocally(DEV_ESIGNATURE_SECRET, token, 'Jean Dupont'), signerName: 'Mallory' };
    expect(codeOf(await sys.gql(null, CALLBACK, { input: forged }))).toBe('ESIGN_CALLBACK_INVALID');
    expect(
      codeOf(
        await sys.gql(null, CALLBACK, {
          input: signLocally('not-the-provider-secret', token, 'Jean Dupont'),
        }),
      ),
    ).toBe('ESIGN_CALLBACK_INVALID');
    expect(ok(await sys.gql(office, MANDATE, { id })).codaMandate.state).toBe('SENT_TO_CLIENT');

    const callback = signLocally(DEV_ESIGNATURE_SECRET, token, 'Jean Dupont');
    const signed = ok(await sys.gql(null, CALLBACK, { input: callback })).completeCodaMandateSignature
      .codaMandate;
    expect(signed.state).toBe('SIGNED');
    expect(signed.signedAt).toBeTruthy();
    expect(signed.bankAccounts.map((a: any) => a.state)).toEqual([
      'ACTIVATION_PENDING_AT_BANK',
      'ACTIVATION_PENDING_AT_BANK',
    ]);
    const again = ok(await sys.gql(null, CALLBACK, { input: callback })).completeCodaMandateSignature
      .codaMandate;
    expect(again.state).toBe('SIGNED');
    const signedEvents = (await mandatesEvents(sys, id)).filter(
      (e) => isEvent(e, CodaMandateStateChangedSchema) && e.payload.newState === CodaMandateState.SIGNED,
    );
    expect(signedEvents).toHaveLength(1);
    const view = ok(await sys.gql(office, MANDATE, { id })).codaMandate;
    expect(view.availableActions).toEqual(['ARCHIVE']);
    expect(view.history.at(-1)).toMatchObject({
      fromState: 'SENT_TO_CLIENT',
      toState: 'SIGNED',
      actor: 'webhook:esignature',
      reason: 'Signed electronically by Jean Dupont',
    });

    // The bank takes it from there: procedure, account activation (event), mandate active.
    const bankList = ok(await sys.gql(argenta, BANK_LIST, { state: 'SIGNED' })).bankCodaMandates;
    expect(bankList.edges.map((e: any) => e.node).map((n: any) => n.id)).toContain(id);
    expect(bankList.edges.map((e: any) => e.node).every((n: any) => n.bank.id === BANKS.argenta)).toBe(true);
    expect(
      ok(await sys.gql(argenta, BANK_MOVE, { input: { codaMandateId: id, state: 'BANK_PROCEDURE' } }))
        .changeCodaMandateState.codaMandate.state,
    ).toBe('BANK_PROCEDURE');
    const illegal = await sys.gql(argenta, BANK_MOVE, {
      input: { codaMandateId: id, state: 'AVAILABLE_ONLINE' },
    });
    expect(codeOf(illegal)).toBe('CODA_ILLEGAL_TRANSITION');
    expect(illegal.errors![0]!.extensions).toMatchObject({
      fromState: 'BANK_PROCEDURE',
      toState: 'AVAILABLE_ONLINE',
    });

    const [first, second] = view.bankAccounts;
    const activated = ok(
      await sys.gql(argenta, ACCOUNT_MOVE, {
        input: { bankAccountId: first.id, state: 'ACTIVE_WAITING_FOR_FIRST_FILE' },
      }),
    ).changeBankAccountState.bankAccount;
    expect(activated.state).toBe('ACTIVE_WAITING_FOR_FIRST_FILE');
    expect(activated.activatedAt).toBeTruthy();
    ok(
      await sys.gql(argenta, ACCOUNT_MOVE, {
        input: { bankAccountId: first.id, state: 'ACTIVE', reason: 'First file delivered' },
      }),
    );
    ok(
      await sys.gql(argenta, ACCOUNT_MOVE, {
        input: { bankAccountId: second.id, state: 'STOPPED_BY_HOLDER', reason: 'Holder refused' },
      }),
    );
    const active = ok(await sys.gql(office, MANDATE, { id })).codaMandate;
    expect(active.state).toBe('ACTIVE');
    expect(active.bankAccounts.map((a: any) => [a.iban, a.state])).toEqual(
      expect.arrayContaining([
        [first.iban, 'ACTIVE'],
        [second.iban, 'STOPPED_BY_HOLDER'],
      ]),
    );
    const wrongMove = await sys.gql(argenta, ACCOUNT_MOVE, {
      input: { bankAccountId: first.id, state: 'ACTIVE_WAITING_FOR_FIRST_FILE' },
    });
    expect(codeOf(wrongMove)).toBe('BANK_ACCOUNT_ILLEGAL_TRANSITION');

    // BankAccountActivated: on its topic, keyed by the account, with office, client, mandate and bank.
    const [activation] = (await mandatesEvents(sys, first.id)).filter((e) =>
      isEvent(e, BankAccountActivatedSchema),
    );
    if (!activation || !isEvent(activation, BankAccountActivatedSchema))
      throw new Error('no BankAccountActivated');
    expect(activation.payload).toMatchObject({
      bankAccountId: first.id,
      clientId,
      iban: first.iban,
      codaMandateId: id,
      bankId: BANKS.argenta,
    });
    expect(activation.payload.officeId).toBe(activation.tenant);
    await eventually('the relay published BankAccountActivated to Kafka', async () => {
      const [row] = await sys.services.mandates.dataSource.query(
        `SELECT sent_at, topic FROM outbox WHERE message_key = $1 AND event_type = 'fidu.mandates.v1.BankAccountActivated'`,
        [first.id],
      );
      return row?.sent_at && row.topic === 'mandates.bank-account.v1';
    });

    // Every state change of the mandate is an event with old and new state and a reason, as in its history.
    const changes = (await mandatesEvents(sys, id)).flatMap((e) =>
      isEvent(e, CodaMandateStateChangedSchema)
        ? [[CodaMandateState[e.payload.oldState], CodaMandateState[e.payload.newState], e.payload.reason]]
        : [],
    );
    const history = ok(await sys.gql(office, MANDATE, { id })).codaMandate.history.slice(1);
    expect(changes).toEqual(history.map((h: any) => [h.fromState, h.toState, h.reason]));
    expect(changes.map((c) => c[1])).toEqual([
      'IN_PREPARATION',
      'SENT_TO_CLIENT',
      'SIGNED',
      'BANK_PROCEDURE',
      'ACTIVE',
    ]);
  });

  it('follows an online-banking bank: in treatment until available online, resend, holder activation after signature', async () => {
    const { orderCoda } = ok(
      await sys.gql(office, ORDER_CODA, { input: { clientId, bankId: BANKS.bnp, ibans: [belgianIban(41)] } }),
    );
    const id = orderCoda.codaMandate.id;
    expect(orderCoda.codaMandate.state).toBe('IN_TREATMENT');
    expect(orderCoda.codaMandate.availableActions).toEqual(['ARCHIVE']);
    expect(
      ok(await sys.gql(bnp, BANK_MOVE, { input: { codaMandateId: id, state: 'AVAILABLE_ONLINE' } }))
        .changeCodaMandateState.codaMandate.availableActions,
    ).toEqual([]);
    const view = ok(await sys.gql(office, MANDATE, { id })).codaMandate;
    expect(view.availableActions).toEqual(['ARCHIVE', 'RESEND_TO_CLIENT']);
    expect(ok(await sys.gql(office, RESEND, { id })).resendCodaMandate.codaMandate.state).toBe(
      'AVAILABLE_ONLINE',
    );
    expect(codeOf(await sys.gql(bnp, BANK_MOVE, { input: { codaMandateId: id, state: 'PROBLEM' } }))).toBe(
      'CODA_REASON_REQUIRED',
    );
    const signed = ok(await sys.gql(bnp, BANK_MOVE, { input: { codaMandateId: id, state: 'SIGNED' } }))
      .changeCodaMandateState.codaMandate;
    expect(signed.state).toBe('SIGNED');
    expect(signed.bankAccounts.map((a: any) => a.state)).toEqual(['WAITING_FOR_HOLDER_ACTIVATION']);
  });

  it('keeps an order at an incompatible bank registered; archiving needs a reason and is final', async () => {
    const { orderCoda } = ok(
      await sys.gql(office, ORDER_CODA, {
        input: { clientId, bankId: BANKS.revolut, ibans: [belgianIban(51)] },
      }),
    );
    expect(orderCoda.codaMandate).toMatchObject({
      state: 'REGISTERED',
      stateReason: 'Revolut Bank is not compatible with CODA yet',
      availableActions: ['ARCHIVE'],
    });
    const id = orderCoda.codaMandate.id;
    expect(codeOf(await sys.gql(office, ARCHIVE, { id, reason: '  ' }))).toBe('CODA_ARCHIVE_REASON_REQUIRED');
    const archived = ok(await sys.gql(office, ARCHIVE, { id, reason: 'Client changed bank' }))
      .archiveCodaMandate.codaMandate;
    expect(archived).toEqual({ state: 'ARCHIVED', stateReason: 'Client changed bank', availableActions: [] });
    expect(codeOf(await sys.gql(office, ARCHIVE, { id, reason: 'again' }))).toBe('CODA_ACTION_NOT_AVAILABLE');
    // An archived mandate no longer covers its IBAN: it can be ordered again.
    ok(
      await sys.gql(office, ORDER_CODA, {
        input: { clientId, bankId: BANKS.beobank, ibans: [belgianIban(51)] },
      }),
    );
  });

  it('refuses bad input with typed errors and changes nothing', async () => {
    // The office's mandates: every order below is this office's, so a refused one would show here.
    const count = async () =>
      (
        await sys.services.mandates.dataSource.query(
          `SELECT count(*)::int AS n FROM coda_mandate WHERE office_id = $1`,
          [officeId],
        )
      )[0].n;
    const before = await count();
    const badIban = await sys.gql(office, ORDER_CODA, {
      input: { clientId, bankId: BANKS.argenta, ibans: [belgianIban(61), 'BE00 0000 0000 0001'] },
    });
    expect(badIban.errors![0]!.extensions).toMatchObject({ code: 'CODA_IBAN_INVALID', field: 'ibans.1' });
    expect(
      codeOf(await sys.gql(office, ORDER_CODA, { input: { clientId, bankId: BANKS.argenta, ibans: [] } })),
    ).toBe('CODA_IBANS_REQUIRED');
    expect(
      codeOf(
        await sys.gql(office, ORDER_CODA, {
          input: { clientId: 'nope', bankId: BANKS.argenta, ibans: [belgianIban(61)] },
        }),
      ),
    ).toBe('INVALID_ID');
    expect(
      codeOf(
        await sys.gql(office, ORDER_CODA, {
          input: { clientId, bankId: crypto.randomUUID(), ibans: [belgianIban(61)] },
        }),
      ),
    ).toBe('CODA_BANK_NOT_FOUND');
    expect(
      codeOf(
        await sys.gql(office, ORDER_CODA, {
          input: { clientId, bankId: BANKS.argenta, ibans: [belgianIban(11)] },
        }),
      ),
    ).toBe('CODA_IBAN_ALREADY_COVERED');
    expect(
      codeOf(
        await sys.gql(office, ORDER_CODA, {
          input: { clientId, bankId: BANKS.argenta, ibans: [belgianIban(62), belgianIban(62)] },
        }),
      ),
    ).toBe('CODA_IBAN_DUPLICATE');
    expect(codeOf(await sys.gql(office, MANDATE, { id: "1' OR '1'='1" }))).toBe('INVALID_ID');
    expect(await count()).toBe(before);
  });

  it('isolates offices and banks: nobody sees or acts on what is not addressed to them', async () => {
    const { orderCoda } = ok(
      await sys.gql(office, ORDER_CODA, {
        input: { clientId, bankId: BANKS.argenta, ibans: [belgianIban(71)] },
      }),
    );
    const id = orderCoda.codaMandate.id;
    expect(ok(await sys.gql(otherOffice, MANDATE, { id })).codaMandate).toBeNull();
    expect(
      ok(await sys.gql(otherOffice, `{ codaMandates { totalCount edges { node { id } } } }`)).codaMandates,
    ).toEqual({ totalCount: 0, edges: [] });
    expect(codeOf(await sys.gql(otherOffice, ARCHIVE, { id, reason: 'not mine' }))).toBe(
      'CODA_MANDATE_NOT_FOUND',
    );
    expect(
      codeOf(
        await sys.gql(otherOffice, ORDER_CODA, {
          input: { clientId, bankId: BANKS.argenta, ibans: [belgianIban(72)] },
        }),
      ),
    ).toBe('MANDATES_CLIENT_NOT_FOUND');
    // Another bank neither sees nor moves it.
    expect(ok(await sys.gql(beobank, MANDATE, { id })).codaMandate).toBeNull();
    expect(
      ok(await sys.gql(beobank, BANK_LIST, {}))
        .bankCodaMandates.edges.map((e: any) => e.node)
        .map((n: any) => n.id),
    ).not.toContain(id);
    expect(codeOf(await sys.gql(beobank, BANK_MOVE, { input: { codaMandateId: id, state: 'SIGNED' } }))).toBe(
      'CODA_MANDATE_NOT_FOUND',
    );
    // Its own bank sees it with the holder's name (not the office's client record), and no office actions.
    const seenByBank = ok(
      await sys.gql(
        argenta,
        `query($id: ID!) { codaMandate(id: $id) { availableActions clientId clientCompanyName client { id } } }`,
        { id },
      ),
    );
    expect(seenByBank.codaMandate).toEqual({
      availableActions: [],
      clientId,
      clientCompanyName: 'Client 0001 SRL',
      client: null,
    });
    // Only offices order; only banks move mandates; anonymous callers are told to sign in.
    const secretariat = await sys.token(secretariatPartner('5ec00000-0000-4000-8000-000000000002'));
    expect(
      codeOf(
        await sys.gql(secretariat, ORDER_CODA, {
          input: { clientId, bankId: BANKS.argenta, ibans: [belgianIban(73)] },
        }),
      ),
    ).toBe('FORBIDDEN');
    expect(codeOf(await sys.gql(office, BANK_MOVE, { input: { codaMandateId: id, state: 'SIGNED' } }))).toBe(
      'FORBIDDEN',
    );
    expect(codeOf(await sys.gql(null, `{ codaMandates { totalCount } }`))).toBe('UNAUTHENTICATED');
    expect(ok(await sys.gql(office, MANDATE, { id })).codaMandate.state).toBe('IN_PREPARATION');
  });

  it("pages the office's CODA mandates as a Relay connection: first/after, a cursor per edge, foreign cursors refused", async () => {
    const PAGE = `query($first: Int, $after: String) { codaMandates(first: $first, after: $after) {
      totalCount pageInfo { hasNextPage endCursor } edges { cursor node { id } } } }`;
    const all = ok(await sys.gql(office, PAGE, { first: 100 })).codaMandates;
    expect(all.totalCount).toBeGreaterThanOrEqual(3);
    expect(all.edges).toHaveLength(all.totalCount);
    expect(all.pageInfo).toEqual({ hasNextPage: false, endCursor: all.edges.at(-1).cursor });
    const seen: string[] = [];
    let after: string | null = null;
    for (let page = 0; page < all.totalCount; page++) {
      const { codaMandates }: any = ok(await sys.gql(office, PAGE, { first: 2, after }));
      expect(codaMandates.totalCount).toBe(all.totalCount);
      seen.push(...codaMandates.edges.map((e: any) => e.node.id));
      expect(codaMandates.pageInfo.endCursor).toBe(codaMandates.edges.at(-1).cursor);
      if (!codaMandates.pageInfo.hasNextPage) break;
      after = codaMandates.pageInfo.endCursor;
    }
    expect(seen).toEqual(all.edges.map((e: any) => e.node.id));
    expect(codeOf(await sys.gql(office, PAGE, { first: 2, after: 'bm90LWEtY3Vyc29y' }))).toBe(
      'INVALID_CURSOR',
    );
    expect(codeOf(await sys.gql(office, PAGE, { first: 0 }))).toBe('INVALID_PAGE_SIZE');
    expect(codeOf(await sys.gql(office, PAGE, { first: 101 }))).toBe('INVALID_PAGE_SIZE');
  });
});

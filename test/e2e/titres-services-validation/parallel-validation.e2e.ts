import {
  decodeEvent,
  isEvent,
  PrestationStateChangedSchema,
  PrestationEncodedSchema,
} from '@fidu/proto-events';
import { randomUUID } from 'node:crypto';
import { eventually } from '../../support/probe';
import { sharedSystem, startSystem, newOffice, type TestSystem } from '../../support/system';
import {
  act,
  encode,
  nodesOf,
  order,
  read,
  registerUser,
  setUpCompany,
  type CompanySetup,
} from '../titres-services-payment/titres-fixtures';

const AUTO_VALIDATION_JOB = 'titres-services.auto-validate-prestations';

/** "Validation parallèle": both sides act from encoding; contest → correct → confirm again; automatic validation. */
describe('titres-services: parallel validation', () => {
  let sys: TestSystem;
  let c: CompanySetup;
  let office: string;

  beforeAll(async () => {
    // A federation of its own: the automatic validation job runs once per Brussels date across all
    // offices, and this block expects the runs for its prestations' dates to happen here (a shared
    // federation would answer already-ran to a second file, or to this file run again, that day).
    sys = await startSystem();
    office = await sys.token(newOffice());
    c = await setUpCompany(sys, office);
  });
  afterAll(() => sys?.stop());

  it('opens an encoded prestation to the user and the company at once', async () => {
    const p = await encode(sys, c, 2);
    expect(p).toMatchObject({
      state: 'ENCODED',
      awaitingUserConfirmation: true,
      awaitingCompanyValidation: true,
    });
    const pending = await sys.gql(
      c.userToken,
      `{ prestations(states: [ENCODED, VALIDATED, CORRECTED]) { edges { node { id } } } }`,
    );
    expect(nodesOf(pending.data.prestations).map((i: { id: string }) => i.id)).toContain(p.id);
    const validated = await act(sys, c.companyToken, 'validatePrestation', { prestationId: p.id });
    expect(validated.data.validatePrestation.prestation).toMatchObject({
      state: 'VALIDATED',
      awaitingUserConfirmation: true,
      awaitingCompanyValidation: false,
    });
    // Confirmed by the user after the company's validation: vouchers are taken at once (none here).
    const confirmed = await act(sys, c.userToken, 'confirmPrestation', { prestationId: p.id });
    expect(confirmed.data.confirmPrestation.prestation).toMatchObject({
      state: 'AWAITING_VOUCHERS',
      vouchersAttributed: 0,
    });
  });

  it('takes vouchers only once the company validates a prestation the user confirmed', async () => {
    await order(sys, c.userToken, 3);
    const p = await encode(sys, c, 3);
    // The previous test's prestation waits for vouchers and would be served by the order above: it was.
    const confirmed = await act(sys, c.userToken, 'confirmPrestation', { prestationId: p.id });
    expect(confirmed.data.confirmPrestation.prestation).toMatchObject({
      state: 'CONFIRMED',
      vouchersAttributed: 0,
    });
    const validated = await act(sys, c.companyToken, 'validatePrestation', { prestationId: p.id });
    expect(validated.data.validatePrestation.prestation).toMatchObject({
      state: 'PARTIALLY_ATTRIBUTED',
      vouchersAttributed: 1,
    });
  });

  it('sends a contested prestation back to the company; after a correction the user confirms again', async () => {
    const u = await setUpCompany(sys, office);
    await order(sys, u.userToken, 4);
    const p = await encode(sys, u, 4);
    await act(sys, u.companyToken, 'validatePrestation', { prestationId: p.id });
    const noReason = await act(sys, u.userToken, 'contestPrestation', { prestationId: p.id, reason: ' ' });
    expect(noReason.errors?.[0]?.extensions?.code).toBe('TS_CONTEST_REASON_REQUIRED');
    const contested = await act(sys, u.userToken, 'contestPrestation', {
      prestationId: p.id,
      reason: 'Only 3 hours were worked',
    });
    expect(contested.data.contestPrestation.prestation).toMatchObject({
      state: 'CONTESTED',
      exportStatusCode: 4,
      awaitingCompanyValidation: true,
    });
    // The user cannot confirm while the company has not answered; the period job leaves it alone.
    expect(
      (await act(sys, u.userToken, 'confirmPrestation', { prestationId: p.id })).errors?.[0]?.extensions
        ?.code,
    ).toBe('TS_PRESTATION_ILLEGAL_TRANSITION');
    const corrected = await sys.gql(
      u.companyToken,
      `mutation($input: CorrectPrestationInput!) { correctPrestation(input: $input) { prestation { state hours awaitingUserConfirmation vouchersAttributed } } }`,
      { input: { prestationId: p.id, correction: { hours: 3 }, reason: 'agreed: 3 hours' } },
    );
    expect(corrected.errors).toBeUndefined();
    expect(corrected.data.correctPrestation.prestation).toEqual({
      state: 'CORRECTED',
      hours: 3,
      awaitingUserConfirmation: true,
      vouchersAttributed: 0,
    });
    const confirmed = await act(sys, u.userToken, 'confirmPrestation', { prestationId: p.id });
    expect(confirmed.data.confirmPrestation.prestation).toMatchObject({
      state: 'ATTRIBUTED',
      exportStatusCode: 7,
      vouchersAttributed: 3,
    });
    const history = (await read(sys, u.companyToken, p.id)).history;
    expect(history.map((h: { action: string; toState: string }) => `${h.action}→${h.toState}`)).toEqual([
      'ENCODE→ENCODED',
      'VALIDATE→VALIDATED',
      'CONTEST→CONTESTED',
      'CORRECT→CORRECTED',
      'CONFIRM→ATTRIBUTED',
    ]);
    expect(history[2]).toMatchObject({
      actor: `voucher_user:${u.voucherUserId}`,
      reason: 'Only 3 hours were worked',
    });
    expect(history[3]).toMatchObject({ actor: `company:${u.companyId}`, reason: 'agreed: 3 hours' });
  });

  it('validates automatically after the period of Belgian business days, and not before', async () => {
    const u = await setUpCompany(sys, office);
    await order(sys, u.userToken, 2);
    const untouched = await encode(sys, u, 2);
    const contested = await encode(sys, u, 1);
    await act(sys, u.userToken, 'contestPrestation', { prestationId: contested.id, reason: 'not me' });
    const end = untouched.periodEndsOn as string;
    const scheduler = sys.services['titres-services'].scheduler;

    // On the last day of the period nothing happens.
    expect(await scheduler.trigger(AUTO_VALIDATION_JOB, new Date(`${end}T12:00:00Z`))).toMatchObject({
      status: 'ran',
    });
    expect((await read(sys, u.companyToken, untouched.id)).state).toBe('ENCODED');

    // The day after: validated and paid; the contested one still waits for the company.
    const next = new Date(Date.parse(`${end}T12:00:00Z`) + 86_400_000);
    expect(await scheduler.trigger(AUTO_VALIDATION_JOB, next)).toMatchObject({ status: 'ran' });
    expect(await scheduler.trigger(AUTO_VALIDATION_JOB, next)).toMatchObject({ status: 'already-ran' });
    const after = await read(sys, u.userToken, untouched.id);
    expect(after).toMatchObject({ state: 'ATTRIBUTED', vouchersAttributed: 2 });
    expect(after.history.at(-1)).toMatchObject({
      action: 'AUTO_VALIDATE',
      actor: 'system',
      reason: `period ended on ${end}`,
    });
    expect((await read(sys, u.companyToken, contested.id)).state).toBe('CONTESTED');

    // Several replicas trigger the same day at once: one runs it, the others find it busy or done.
    const dayAfter = new Date(next.getTime() + 86_400_000);
    const outcomes = await Promise.all([1, 2, 3].map(() => scheduler.trigger(AUTO_VALIDATION_JOB, dayAfter)));
    expect(outcomes.filter((o) => o.status === 'ran')).toHaveLength(1);
  });

  it('computes the period end in Belgian business days from the encoding date', async () => {
    const p = await encode(sys, c, 1);
    const end = new Date(`${p.periodEndsOn}T12:00:00Z`);
    expect([0, 6]).not.toContain(end.getUTCDay());
    const days = (end.getTime() - Date.now()) / 86_400_000;
    // 5 business days: at least 5 and (holidays and weekends included) at most 11 calendar days ahead.
    expect(days).toBeGreaterThan(4);
    expect(days).toBeLessThan(12);
  });

  it('publishes every change with company, voucher user, old and new state', async () => {
    const ds = sys.services['titres-services'].dataSource;
    const rows = (await ds.query(
      `SELECT payload FROM outbox WHERE event_type LIKE 'fidu.titres_services.v1.Prestation%'`,
    )) as {
      payload: Buffer;
    }[];
    const events = rows.map((r) => decodeEvent(r.payload));
    expect(events.some((e) => isEvent(e, PrestationEncodedSchema))).toBe(true);
    const partial = events.find(
      (e) => isEvent(e, PrestationStateChangedSchema) && e.payload.exportStatusCode === 16,
    );
    expect(partial && isEvent(partial, PrestationStateChangedSchema) && partial.payload).toMatchObject({
      companyId: c.companyId,
      voucherUserId: c.voucherUserId,
      oldState: 2, // CONFIRMED by the user, then validated by the company
      newState: 16,
      action: 'VALIDATE',
      awaitingUserConfirmation: false,
      awaitingCompanyValidation: false,
    });
    const contested = events.find(
      (e) => isEvent(e, PrestationStateChangedSchema) && e.payload.action === 'CONTEST',
    );
    expect(contested && isEvent(contested, PrestationStateChangedSchema) && contested.payload).toMatchObject({
      newState: 4,
      awaitingUserConfirmation: false,
      awaitingCompanyValidation: true,
    });
  });

  it('publishes prestation events on Kafka, keyed by prestation id', async () => {
    const p = await encode(sys, c, 1);
    await act(sys, c.companyToken, 'validatePrestation', { prestationId: p.id });
    const seen: { key: string; newState: number }[] = [];
    const sub = await sys.services['titres-services'].bus.subscribe({
      groupId: `ts-e2e-${randomUUID()}`,
      topics: ['titres-services.prestation.v1'],
      onRecord: async (record) => {
        const e = decodeEvent(record.value);
        if (isEvent(e, PrestationStateChangedSchema) && e.payload.prestationId === p.id) {
          seen.push({ key: record.key, newState: e.payload.newState });
        }
      },
    });
    try {
      await eventually('the VALIDATED change of the prestation reaches Kafka', async () => seen.length > 0);
      expect(seen[0]).toEqual({ key: p.id, newState: 3 });
    } finally {
      await sub.stop();
    }
  });

  it('refuses illegal moves and the wrong party with typed errors, changing nothing', async () => {
    const p = await encode(sys, c, 1);
    expect(
      (await act(sys, c.companyToken, 'confirmPrestation', { prestationId: p.id })).errors?.[0]?.extensions
        ?.code,
    ).toBe('FORBIDDEN');
    expect(
      (await act(sys, c.userToken, 'validatePrestation', { prestationId: p.id })).errors?.[0]?.extensions
        ?.code,
    ).toBe('FORBIDDEN');
    await act(sys, c.companyToken, 'cancelPrestation', { prestationId: p.id, reason: 'duplicate' });
    const again = await act(sys, c.companyToken, 'validatePrestation', { prestationId: p.id });
    expect(again.errors?.[0]?.extensions).toMatchObject({
      code: 'TS_PRESTATION_ILLEGAL_TRANSITION',
      from: 'CANCELLED',
      action: 'VALIDATE',
    });
    expect((await read(sys, c.companyToken, p.id)).state).toBe('CANCELLED');
    expect(
      (await act(sys, c.companyToken, 'validatePrestation', { prestationId: 'nope' })).errors?.[0]?.extensions
        ?.code,
    ).toBe('INVALID_ID');
  });

  it('refuses bad encodings with every problem listed', async () => {
    const res = await sys.gql(
      c.companyToken,
      `mutation($input: EncodePrestationInput!) { encodePrestation(input: $input) { prestation { id } } }`,
      {
        input: {
          companyId: c.companyId,
          workerId: c.workerId,
          voucherUserId: c.voucherUserId,
          performedOn: '2999-01-01',
          hours: 0,
          activity: 'CLEANING',
          encodedBy: 'COMPANY',
        },
      },
    );
    expect(res.errors?.[0]?.extensions?.problems.map((p: { code: string }) => p.code)).toEqual([
      'TS_PRESTATION_DATE_INVALID',
      'TS_PRESTATION_HOURS_INVALID',
    ]);
  });
});

/** A company sees only its prestations; a voucher user only theirs; partners nothing. */
describe('titres-services: who sees prestations', () => {
  let sys: TestSystem;
  beforeAll(async () => {
    // The worker's federation: this block makes its own offices, companies and users.
    sys = await sharedSystem();
  });
  afterAll(() => sys?.stop());

  it('keeps companies, users and offices apart', async () => {
    const officeA = await sys.token(newOffice());
    const officeB = await sys.token(newOffice());
    const a = await setUpCompany(sys, officeA);
    const b = await setUpCompany(sys, officeA);
    const otherUser = await registerUser(sys, a.companyToken, a.companyId);
    const otherUserToken = await sys.token({ kind: 'voucher_user', voucherUserId: otherUser });
    const p = await encode(sys, a, 2);
    const q = await encode(sys, a, 1, otherUser);

    // Company B: not found, not in its lists, cannot act, cannot export or list A's prestations.
    expect(await read(sys, b.companyToken, p.id)).toBeNull();
    expect(
      nodesOf((await sys.gql(b.companyToken, `{ prestations { edges { node { id } } } }`)).data.prestations),
    ).toEqual([]);
    expect(
      (await act(sys, b.companyToken, 'validatePrestation', { prestationId: p.id })).errors?.[0]?.extensions
        ?.code,
    ).toBe('TS_PRESTATION_NOT_FOUND');
    expect(
      (
        await sys.gql(
          b.companyToken,
          `query($id: ID) { prestations(companyId: $id) { edges { node { id } } } }`,
          {
            id: a.companyId,
          },
        )
      ).errors?.[0]?.extensions?.code,
    ).toBe('TS_COMPANY_NOT_FOUND');
    const exp = await sys.gql(
      b.companyToken,
      `mutation($input: ExportPrestationsInput!) { exportPrestations(input: $input) { downloadUrl } }`,
      {
        input: { companyId: a.companyId },
      },
    );
    expect(exp.errors?.[0]?.extensions?.code).toBe('TS_COMPANY_NOT_FOUND');

    // A voucher user sees their own prestation, not another user's.
    const mine = await sys.gql(a.userToken, `{ prestations { edges { node { id } } } }`);
    expect(nodesOf(mine.data.prestations).map((i: { id: string }) => i.id)).toEqual([p.id]);
    expect(await read(sys, a.userToken, q.id)).toBeNull();
    expect(await read(sys, otherUserToken, q.id)).toMatchObject({ id: q.id });
    expect(
      (await act(sys, otherUserToken, 'confirmPrestation', { prestationId: p.id })).errors?.[0]?.extensions
        ?.code,
    ).toBe('TS_PRESTATION_NOT_FOUND');

    // The office sees its companies' prestations; another office sees none of them.
    const asOffice = await sys.gql(
      officeA,
      `query($id: ID) { prestations(companyId: $id) { edges { node { id } } } }`,
      { id: a.companyId },
    );
    expect(
      nodesOf(asOffice.data.prestations)
        .map((i: { id: string }) => i.id)
        .sort(),
    ).toEqual([p.id, q.id].sort());
    expect(await read(sys, officeB, p.id)).toBeNull();
    const partner = await sys.token({ kind: 'partner', partnerType: 'BANK', partnerId: 'bank-1' });
    expect(
      (await sys.gql(partner, `query($id: ID!) { prestation(id: $id) { id } }`, { id: p.id })).errors?.[0]
        ?.extensions?.code,
    ).toBe('FORBIDDEN');
    expect((await sys.gql(null, `{ myVoucherWallet { balance } }`)).errors?.[0]?.extensions?.code).toBe(
      'UNAUTHENTICATED',
    );
  });
});

import { getIntrospectionQuery, type IntrospectionQuery } from 'graphql';
import type { Principal } from '@fidu/service-kit';
import { CREATE_CLIENT, clientInput } from '../../support/fixtures';
import { newOffice, post, startSystem, type TestSystem } from '../../support/system';
import { HostileRequestFactory, seededRandom, type HostileRequest } from './hostile-requests';
import { RowAudit } from './row-audit';

/** 5,000 (about fifty per operation; some 30–90 s); HOSTILE_REQUESTS changes it for a longer run. */
const REQUESTS = Number(process.env.HOSTILE_REQUESTS ?? 5_000);
const SEED = Number(process.env.HOSTILE_SEED ?? 20_260_930);
/** Requests in flight at once; the rows written are checked after each round. */
const ROUND = 16;

interface Answer {
  status: number;
  body: { data?: Record<string, unknown> | null; errors?: { extensions?: { code?: unknown } }[] };
}

/**
 * Every operation of the supergraph, called thousands of times with generated hostile arguments
 * (wrong types, missing arguments, huge and invalid text, injection strings, bad enums, unknown and
 * other tenants' ids) by every kind of caller: never a 5xx, every error with a code (never
 * INTERNAL_SERVER_ERROR), and a refused mutation writes no row in any service's database.
 */
describe(`faults: ${REQUESTS} generated hostile requests over every operation of the schema`, () => {
  let sys: TestSystem;
  let audits: RowAudit[];
  let factory: HostileRequestFactory;
  let callers: (string | null)[];
  let foreignIds: string[];

  beforeAll(async () => {
    sys = await startSystem();
    const owner = await sys.token(newOffice());
    const created = await sys.gql(owner, CREATE_CLIENT, { input: clientInput(1) });
    foreignIds = [created.data.createClient.client.id as string];
    const principals: Principal[] = [
      newOffice(),
      { kind: 'partner', partnerType: 'BANK', partnerId: crypto.randomUUID() },
      { kind: 'partner', partnerType: 'SOCIAL_SECRETARIAT', partnerId: crypto.randomUUID() },
      { kind: 'company', companyId: crypto.randomUUID() },
      { kind: 'voucher_user', voucherUserId: crypto.randomUUID() },
      { kind: 'operator', userId: 'hostile-operator' },
    ];
    callers = [...(await Promise.all(principals.map((p) => sys.token(p)))), null];
    const introspection = await sys.gql<IntrospectionQuery>(owner, getIntrospectionQuery());
    factory = new HostileRequestFactory(introspection.data!);
    audits = await Promise.all(
      Object.entries(sys.services).map(([name, s]) => RowAudit.install(name, s.config.databaseUrl)),
    );
  }, 120_000);
  afterAll(async () => {
    await Promise.all((audits ?? []).map((a) => a.close()));
    await sys?.stop();
  });

  const send = async (token: string | null, request: HostileRequest): Promise<Answer> => {
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (token) headers.authorization = `Bearer ${token}`;
    const { status, text } = await post(sys.gatewayUrl, headers, JSON.stringify(request.body));
    try {
      return { status, body: JSON.parse(text) as Answer['body'] };
    } catch {
      return {
        status,
        body: { errors: [{ extensions: { code: `not JSON: ${text.slice(0, 80)}` } }] },
      };
    }
  };

  it('answers 0 5xx, codes every error, and a refused mutation changes no row', async () => {
    expect(factory.operations.filter((o) => o.kind === 'mutation').length).toBeGreaterThan(30);
    const rand = seededRandom(SEED);
    const fixtures = { foreignIds, unknownIds: () => crypto.randomUUID() };
    const problems: string[] = [];
    const statuses: Record<number, number> = {};
    const codes: Record<string, number> = {};
    let refusedMutations = 0;
    let auditedRounds = 0;
    const started = Date.now();
    for (let first = 0; first < REQUESTS; first += ROUND) {
      const marks = await Promise.all(audits.map((a) => a.mark()));
      const round = Array.from({ length: Math.min(ROUND, REQUESTS - first) }, (_, i) => {
        const request = factory.make(first + i, rand, fixtures);
        return { request, caller: callers[(first + i) % callers.length]! };
      });
      const answers = await Promise.all(round.map(({ caller, request }) => send(caller, request)));
      let mutationSucceeded = false;
      answers.forEach((answer, i) => {
        const { request } = round[i]!;
        statuses[answer.status] = (statuses[answer.status] ?? 0) + 1;
        const what = `${request.field} ${JSON.stringify(request.body).slice(0, 300)}`;
        if (answer.status >= 500) problems.push(`${answer.status}: ${what}`);
        for (const error of answer.body.errors ?? []) {
          const code = error.extensions?.code;
          codes[String(code)] = (codes[String(code)] ?? 0) + 1;
          if (typeof code !== 'string' || code === 'INTERNAL_SERVER_ERROR')
            problems.push(`error code ${String(code)}: ${what}`);
        }
        if (request.kind !== 'mutation') return;
        const refused = (answer.body.errors?.length ?? 0) > 0 && answer.body.data?.[request.field] == null;
        if (refused) refusedMutations += 1;
        else mutationSucceeded = true;
      });
      // Only a round whose mutations were all refused says something about refused mutations' writes.
      if (mutationSucceeded) continue;
      auditedRounds += 1;
      const written = (await Promise.all(audits.map((a, i) => a.requestWritesSince(marks[i]!)))).flat();
      if (written.length > 0)
        problems.push(
          `refused requests wrote ${written.join(', ')}: ${round.map((r) => r.request.field).join(', ')}`,
        );
    }
    const seconds = (Date.now() - started) / 1000;
    process.stderr.write(
      `hostile input: ${REQUESTS} requests over ${factory.operations.length} operations in ${seconds.toFixed(1)} s; ` +
        `statuses ${JSON.stringify(statuses)}; ${refusedMutations} refused mutations, ${auditedRounds} rounds audited; ` +
        `codes ${JSON.stringify(codes)}\n`,
    );
    expect(problems.slice(0, 20)).toEqual([]);
    expect(auditedRounds).toBeGreaterThan(REQUESTS / ROUND / 4);
    // The audit sees a write that is not refused (so its silence above means something).
    const marks = await Promise.all(audits.map((a) => a.mark()));
    const accepted = await sys.gql(callers[0]!, CREATE_CLIENT, { input: clientInput(2) });
    expect(accepted.errors).toBeUndefined();
    const written = (await Promise.all(audits.map((a, i) => a.requestWritesSince(marks[i]!)))).flat();
    expect(written).toEqual(expect.arrayContaining(['clients.client', 'clients.outbox']));
  }, 600_000);
});

import { randomUUID } from 'node:crypto';
import { ClientRegisteredSchema, ClientUpdatedSchema, encodeEvent } from '@fidu/proto-events';
import { createKafkaBus, type EventBus, type Principal, type RunningService } from '@fidu/service-kit';
import {
  callSubgraph,
  createTestDatabase,
  eventually,
  testServiceConfig,
  type GraphQLResponse,
} from '@fidu/service-kit/testing';
import { createApp } from './app';

const SERVICE = 'titres-services';

const officeA: Principal = {
  kind: 'office',
  officeId: `office-a-${randomUUID()}`,
  userId: 'anne',
  roles: [],
};
const officeB: Principal = {
  kind: 'office',
  officeId: `office-b-${randomUUID()}`,
  userId: 'bert',
  roles: [],
};
const partner: Principal = { kind: 'partner', partnerType: 'SOCIAL_SECRETARIAT', partnerId: 'ss-1' };
const companyPrincipal = (companyId: string): Principal => ({ kind: 'company', companyId });
const officeIdOf = (p: Principal) => (p.kind === 'office' ? p.officeId : '');

const REGISTER = `mutation ($input: RegisterApprovedCompanyInput!) {
  registerApprovedCompany(input: $input) {
    approvedCompany { id approvalNumber companyName version financialContact { name email phone } workers { id } client { id } }
  }
}`;
const ADD_WORKER = `mutation ($input: AddWorkerInput!) {
  addWorker(input: $input) { worker { id firstName lastName niss createdAt } }
}`;
const COMPANY = `query ($id: ID!) {
  approvedCompany(id: $id) { id companyName approvalNumber client { id } workers { firstName lastName niss } }
}`;
const MY_COMPANY = `{ myApprovedCompany { id companyName approvalNumber client { id } financialContact { email } workers { lastName } } }`;
const CLIENT_ENTITIES = `query ($reps: [_Any!]!) {
  _entities(representations: $reps) {
    ... on Client { id approvedCompany { id approvalNumber companyName financialContact { email } workers { id niss } } }
  }
}`;

interface Company {
  id: string;
  approvalNumber: string;
  companyName: string | null;
  version: number;
  financialContact: { name: string; email: string; phone: string | null };
  workers: { id: string; firstName?: string; lastName?: string; niss?: string | null }[];
  client: { id: string } | null;
}

let service: RunningService;
let url: string;
let bus: EventBus;

function codeOf(res: GraphQLResponse): unknown {
  return res.errors?.[0]?.extensions?.code;
}

/** Directory rows straight in SQL: fast, and independent of Kafka for tests that are not about it. */
async function insertDirectoryClients(officeId: string, count: number, prefix = 'Client'): Promise<string[]> {
  const ids = Array.from({ length: count }, () => randomUUID());
  await service.dataSource.query(
    `INSERT INTO client_directory (client_id, office_id, company_name, client_code, language, version)
     SELECT id, $2, $3 || ' ' || n, 'C' || n, 'FR', 1 FROM unnest($1::uuid[]) WITH ORDINALITY AS t(id, n)`,
    [ids, officeId, prefix],
  );
  return ids;
}

async function register(principal: Principal, clientId: string, approvalNumber: string) {
  return callSubgraph<{ registerApprovedCompany: { approvedCompany: Company } }>(url, principal, REGISTER, {
    input: {
      clientId,
      approvalNumber,
      financialContact: { name: 'Marie Dubois', email: 'Compta@Propre.BE', phone: '02/547.54.93' },
    },
  });
}

async function rowCounts(): Promise<{ companies: number; workers: number }> {
  const [row] = (await service.dataSource.query(
    `SELECT (SELECT count(*) FROM approved_company)::int AS companies, (SELECT count(*) FROM worker)::int AS workers`,
  )) as { companies: number; workers: number }[];
  return row!;
}

beforeAll(async () => {
  const db = await createTestDatabase('titres_services');
  service = await createApp(testServiceConfig(SERVICE, db));
  url = await service.listen(0);
  bus = createKafkaBus({
    brokers: service.config.kafkaBrokers,
    clientId: 'titres-services-test',
    log: service.log,
  });
});

afterAll(async () => {
  await bus?.close();
  await service?.stop();
});

describe('titres-services subgraph', () => {
  it('refuses requests that the gateway did not sign (HTTP 401)', async () => {
    const res = await callSubgraph(url, null, MY_COMPANY);
    expect(res.status).toBe(401);
    expect(codeOf(res)).toBe('UNAUTHENTICATED');
  });

  it('registers a client known from a real ClientRegistered event, and follows its renaming', async () => {
    const clientId = randomUUID();
    const officeId = officeIdOf(officeA);
    const attrs = { source: 'clients', tenant: officeId, subject: clientId };
    const client = {
      clientId,
      officeId,
      companyName: 'Titres Propres SRL',
      clientCode: 'PROPRE',
      language: 'fr',
      country: 'BE',
    };
    await bus.publish([encodeEvent(ClientRegisteredSchema, { ...client, version: 1 }, attrs)]);

    // Until the projection has the client, registering it is refused (and changes nothing).
    const company = await eventually('the client directory knows the published client', async () => {
      const res = await register(officeA, clientId, '700 001');
      if (codeOf(res) === 'CLIENT_NOT_FOUND') return undefined;
      expect(res.errors).toBeUndefined();
      return res.data!.registerApprovedCompany.approvedCompany;
    });
    expect(company).toMatchObject({
      companyName: 'Titres Propres SRL',
      approvalNumber: '700001',
      client: { id: clientId },
    });

    await bus.publish([
      encodeEvent(
        ClientUpdatedSchema,
        {
          clientId,
          officeId,
          version: 2,
          changes: [{ field: 'companyName', oldValue: 'Titres Propres SRL', newValue: 'Titres Propres SA' }],
        },
        attrs,
      ),
    ]);
    await eventually('approvedCompany.companyName shows the new name', async () => {
      const res = await callSubgraph<{ approvedCompany: Company }>(url, officeA, COMPANY, { id: company.id });
      return res.data?.approvedCompany.companyName === 'Titres Propres SA';
    });
  });

  describe('with an approved company of office A', () => {
    let clientId: string;
    let company: Company;

    beforeAll(async () => {
      [clientId] = (await insertDirectoryClients(officeIdOf(officeA), 1, 'Net & Clean')) as [string];
      const res = await register(officeA, clientId, '012 345');
      expect(res.errors).toBeUndefined();
      company = res.data!.registerApprovedCompany.approvedCompany;
    });

    it('returns the company as registered, normalised', () => {
      expect(company).toEqual({
        id: expect.any(String),
        approvalNumber: '012345',
        companyName: 'Net & Clean 1',
        version: 1,
        financialContact: { name: 'Marie Dubois', email: 'compta@propre.be', phone: '+3225475493' },
        workers: [],
        client: { id: clientId },
      });
    });

    it('adds workers for the office and for the company itself, listed by name', async () => {
      const byOffice = await callSubgraph<{
        addWorker: { worker: { niss: string | null; firstName: string } };
      }>(url, officeA, ADD_WORKER, {
        input: { companyId: company.id, firstName: ' Zoé ', lastName: 'Martin', niss: '85073003328' },
      });
      expect(byOffice.errors).toBeUndefined();
      expect(byOffice.data!.addWorker.worker).toMatchObject({ firstName: 'Zoé', niss: '85.07.30-033.28' });

      const byCompany = await callSubgraph(url, companyPrincipal(company.id), ADD_WORKER, {
        input: { companyId: company.id, firstName: 'Ana', lastName: 'Lopes', niss: '01.02.03-123.45' },
      });
      expect(byCompany.errors).toBeUndefined();

      const res = await callSubgraph<{ approvedCompany: Company }>(url, officeA, COMPANY, { id: company.id });
      expect(res.data!.approvedCompany.workers).toEqual([
        { firstName: 'Ana', lastName: 'Lopes', niss: '01.02.03-123.45' },
        { firstName: 'Zoé', lastName: 'Martin', niss: '85.07.30-033.28' },
      ]);
    });

    it('lets the company read itself, without the office-only client', async () => {
      const mine = await callSubgraph<{ myApprovedCompany: Company }>(
        url,
        companyPrincipal(company.id),
        MY_COMPANY,
      );
      expect(mine.errors).toBeUndefined();
      expect(mine.data!.myApprovedCompany).toMatchObject({
        id: company.id,
        companyName: 'Net & Clean 1',
        approvalNumber: '012345',
        client: null,
        financialContact: { email: 'compta@propre.be' },
      });
      const byId = await callSubgraph<{ approvedCompany: Company }>(
        url,
        companyPrincipal(company.id),
        COMPANY,
        { id: company.id },
      );
      expect(byId.data!.approvedCompany.id).toBe(company.id);
    });

    it('adds approvedCompany to Client, batched and null for unknown or malformed ids', async () => {
      const res = await callSubgraph<{ _entities: { id: string; approvedCompany: Company | null }[] }>(
        url,
        officeA,
        CLIENT_ENTITIES,
        {
          reps: [
            { __typename: 'Client', id: clientId },
            { __typename: 'Client', id: randomUUID() },
            { __typename: 'Client', id: "1' OR '1'='1" },
          ],
        },
      );
      expect(res.errors).toBeUndefined();
      expect(res.data!._entities.map((c) => c.approvedCompany?.id ?? null)).toEqual([company.id, null, null]);
    });

    it('shows office B nothing of it and lets it do nothing with it', async () => {
      const read = await callSubgraph<{ approvedCompany: Company | null }>(url, officeB, COMPANY, {
        id: company.id,
      });
      expect(read.errors).toBeUndefined();
      expect(read.data!.approvedCompany).toBeNull();

      const viaClient = await callSubgraph<{ _entities: { approvedCompany: Company | null }[] }>(
        url,
        officeB,
        CLIENT_ENTITIES,
        {
          reps: [{ __typename: 'Client', id: clientId }],
        },
      );
      expect(viaClient.data!._entities[0]!.approvedCompany).toBeNull();

      const before = await rowCounts();
      const worker = await callSubgraph(url, officeB, ADD_WORKER, {
        input: { companyId: company.id, firstName: 'Eve', lastName: 'Intruder' },
      });
      expect(codeOf(worker)).toBe('TS_COMPANY_NOT_FOUND');
      const again = await register(officeB, clientId, '999 999');
      expect(codeOf(again)).toBe('CLIENT_NOT_FOUND');
      expect(await rowCounts()).toEqual(before);
    });

    it("shows another company nothing of it, and never adds to the caller's own company instead", async () => {
      const [otherClient] = (await insertDirectoryClients(officeIdOf(officeA), 1, 'Other')) as [string];
      const other = (await register(officeA, otherClient, '222 222')).data!.registerApprovedCompany
        .approvedCompany;
      const asOther = companyPrincipal(other.id);

      const read = await callSubgraph<{ approvedCompany: Company | null }>(url, asOther, COMPANY, {
        id: company.id,
      });
      expect(read.data!.approvedCompany).toBeNull();
      const worker = await callSubgraph(url, asOther, ADD_WORKER, {
        input: { companyId: company.id, firstName: 'Eve', lastName: 'Intruder' },
      });
      expect(codeOf(worker)).toBe('TS_COMPANY_NOT_FOUND');
      const mine = await callSubgraph<{ myApprovedCompany: Company }>(url, asOther, MY_COMPANY);
      expect(mine.data!.myApprovedCompany).toMatchObject({ id: other.id, workers: [] });
    });

    it('refuses callers who have no business here with typed errors', async () => {
      expect(codeOf(await callSubgraph(url, partner, COMPANY, { id: company.id }))).toBe('FORBIDDEN');
      expect(codeOf(await callSubgraph(url, { kind: 'anonymous' }, COMPANY, { id: company.id }))).toBe(
        'UNAUTHENTICATED',
      );
      expect(codeOf(await callSubgraph(url, officeA, MY_COMPANY))).toBe('FORBIDDEN');
      expect(codeOf(await register(companyPrincipal(company.id), clientId, '333 333'))).toBe('FORBIDDEN');
    });

    it('refuses bad input with typed errors and changes nothing', async () => {
      const before = await rowCounts();
      const [freshClient] = (await insertDirectoryClients(officeIdOf(officeA), 1, 'Fresh')) as [string];

      const invalid = await callSubgraph(url, officeA, REGISTER, {
        input: {
          clientId: freshClient,
          approvalNumber: '12-AB',
          financialContact: { name: ' ', email: 'nope', phone: '12' },
        },
      });
      expect(codeOf(invalid)).toBe('TS_APPROVAL_NUMBER_INVALID');
      expect((invalid.errors![0]!.extensions!.problems as { code: string }[]).map((p) => p.code)).toEqual([
        'TS_APPROVAL_NUMBER_INVALID',
        'TS_CONTACT_NAME_INVALID',
        'TS_CONTACT_EMAIL_INVALID',
        'TS_CONTACT_PHONE_INVALID',
      ]);
      expect(codeOf(await register(officeA, 'not-a-uuid', '444 444'))).toBe('INVALID_ID');
      expect(codeOf(await register(officeA, randomUUID(), '444 444'))).toBe('CLIENT_NOT_FOUND');
      expect(codeOf(await register(officeA, clientId, '444 444'))).toBe('TS_COMPANY_ALREADY_REGISTERED');
      expect(codeOf(await register(officeA, freshClient, '012345'))).toBe('TS_APPROVAL_NUMBER_TAKEN');

      const addWorker = (input: Record<string, unknown>) =>
        callSubgraph(url, officeA, ADD_WORKER, {
          input: { companyId: company.id, firstName: 'Jan', lastName: 'Peeters', ...input },
        });
      expect(codeOf(await addWorker({ niss: '85073003329' }))).toBe('TS_NISS_CHECKSUM_INVALID');
      expect(codeOf(await addWorker({ niss: '8507300332' }))).toBe('TS_NISS_FORMAT_INVALID');
      expect(codeOf(await addWorker({ lastName: '' }))).toBe('TS_WORKER_NAME_INVALID');
      expect(codeOf(await addWorker({ companyId: 'x' }))).toBe('INVALID_ID');
      expect(codeOf(await addWorker({ companyId: randomUUID() }))).toBe('TS_COMPANY_NOT_FOUND');
      expect(codeOf(await addWorker({ niss: '85.07.30-033.28' }))).toBe('TS_WORKER_ALREADY_ADDED');
      expect(codeOf(await callSubgraph(url, officeA, COMPANY, { id: 'x' }))).toBe('INVALID_ID');

      expect(await rowCounts()).toEqual(before);
    });
  });

  it('costs the same number of SQL statements for 100 clients as for 10', async () => {
    const officeC: Principal = {
      kind: 'office',
      officeId: `office-c-${randomUUID()}`,
      userId: 'carl',
      roles: [],
    };
    const officeId = officeIdOf(officeC);
    const clientIds = await insertDirectoryClients(officeId, 100);
    await service.dataSource.query(
      `INSERT INTO approved_company (id, office_id, client_id, approval_number, financial_contact_name, financial_contact_email,
         created_at, updated_at, version)
       SELECT gen_random_uuid(), $2, id, lpad(n::text, 6, '0'), 'Contact ' || n, 'contact' || n || '@example.be', now(), now(), 1
         FROM unnest($1::uuid[]) WITH ORDINALITY AS t(id, n)`,
      [clientIds, officeId],
    );
    await service.dataSource.query(
      `INSERT INTO worker (id, office_id, company_id, first_name, last_name, created_at)
       SELECT gen_random_uuid(), office_id, id, 'Worker', w::text, now() FROM approved_company, generate_series(1, 2) AS w
        WHERE office_id = $1`,
      [officeId],
    );

    const statementsFor = async (ids: string[]) => {
      const requestId = randomUUID();
      const res = await callSubgraph<{ _entities: { approvedCompany: Company | null }[] }>(
        url,
        officeC,
        CLIENT_ENTITIES,
        { reps: ids.map((id) => ({ __typename: 'Client', id })) },
        { requestId },
      );
      expect(res.errors).toBeUndefined();
      expect(
        res.data!._entities.every(
          (c) => c.approvedCompany?.workers.length === 2 && c.approvedCompany.companyName,
        ),
      ).toBe(true);
      return service.sqlCounter.countFor(requestId);
    };

    const forTen = await statementsFor(clientIds.slice(0, 10));
    const forHundred = await statementsFor(clientIds);
    expect(forTen).toBeGreaterThan(0);
    expect(forHundred).toBe(forTen);
  });
});

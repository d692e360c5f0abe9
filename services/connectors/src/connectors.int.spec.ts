import { randomUUID } from 'node:crypto';
import { ClientRegisteredSchema, encodeEvent } from '@fidu/proto-events';
import { createKafkaBus, type Principal, type RunningService } from '@fidu/service-kit';
import {
  callSubgraph,
  createTestDatabase,
  eventually,
  testServiceConfig,
  type GraphQLResponse,
} from '@fidu/service-kit/testing';
import { createApp } from './app';

const officeA = `office-${randomUUID()}`;
const officeB = `office-${randomUUID()}`;
const asA: Principal = { kind: 'office', officeId: officeA, userId: 'user-a', roles: ['ADMIN'] };
const asB: Principal = { kind: 'office', officeId: officeB, userId: 'user-b', roles: ['ADMIN'] };
const asVendor: Principal = { kind: 'partner', partnerType: 'SOFTWARE_VENDOR', partnerId: 'octopus' };

const CONNECTOR = 'id state createdAt validatedAt deletedAt software { id name kind exportFormats }';
const ASSOCIATION = `client { id } associatedAt endedAt connector { id state software { id } }`;
const ENTITIES = `query ($reps: [_Any!]!) {
  _entities(representations: $reps) { ... on Client { id connectorAssociation { ${ASSOCIATION} } } }
}`;

type Connector = {
  id: string;
  state: string;
  validatedAt: string | null;
  deletedAt: string | null;
  software: { id: string };
};
type Association = {
  client: { id: string };
  associatedAt: string;
  endedAt: string | null;
  connector: Connector;
};
type ClientView = { id: string; connectorAssociation: Association | null };

let service: RunningService;
let url: string;

function gql<T = Record<string, unknown>>(
  principal: Principal | null,
  query: string,
  variables: Record<string, unknown> = {},
  requestId?: string,
): Promise<GraphQLResponse<T>> {
  return callSubgraph<T>(url, principal, query, variables, { requestId });
}

function codeOf(res: GraphQLResponse<unknown>): unknown {
  return res.errors?.[0]?.extensions?.code;
}

/** Directory rows as the clients events would have written them; SQL keeps the big batches fast. */
async function registerClients(officeId: string, count: number): Promise<string[]> {
  const ids = Array.from({ length: count }, () => randomUUID());
  await service.dataSource.query(
    `INSERT INTO client_directory (client_id, office_id, company_name, client_code, language, version)
     SELECT id, $1, 'Client ' || n, 'C' || n, 'FR', 1 FROM unnest($2::uuid[]) WITH ORDINALITY AS t(id, n)`,
    [officeId, ids],
  );
  return ids;
}

async function addConnector(
  principal: Principal,
  softwareId: string,
): Promise<GraphQLResponse<{ addConnector: { connector: Connector } }>> {
  return gql(
    principal,
    `mutation ($input: AddConnectorInput!) { addConnector(input: $input) { connector { ${CONNECTOR} } } }`,
    {
      input: { softwareId },
    },
  );
}

async function validate(principal: Principal, id: string) {
  return gql<{ validateConnector: { connector: Connector } }>(
    principal,
    `mutation ($id: ID!) { validateConnector(input: { connectorId: $id }) { connector { ${CONNECTOR} } } }`,
    { id },
  );
}

async function deleteConnector(principal: Principal, id: string) {
  return gql<{ deleteConnector: { connector: Connector; endedAssociationCount: number } }>(
    principal,
    `mutation ($id: ID!) { deleteConnector(input: { connectorId: $id }) { connector { ${CONNECTOR} } endedAssociationCount } }`,
    { id },
  );
}

async function associate(principal: Principal, connectorId: string, clientIds: string[]) {
  return gql<{ associateClients: { associations: Association[] } }>(
    principal,
    `mutation ($input: AssociateClientsInput!) { associateClients(input: $input) { associations { ${ASSOCIATION} } } }`,
    { input: { connectorId, clientIds } },
  );
}

async function disassociate(principal: Principal, clientId: string) {
  return gql<{ disassociateClient: { client: ClientView; association: Association } }>(
    principal,
    `mutation ($clientId: ID!) {
      disassociateClient(input: { clientId: $clientId }) { client { id connectorAssociation { associatedAt } } association { ${ASSOCIATION} } }
    }`,
    { clientId },
  );
}

async function clientsAs(principal: Principal, ids: string[], requestId?: string): Promise<ClientView[]> {
  const res = await gql<{ _entities: ClientView[] }>(
    principal,
    ENTITIES,
    { reps: ids.map((id) => ({ __typename: 'Client', id })) },
    requestId,
  );
  expect(res.errors).toBeUndefined();
  return res.data!._entities;
}

async function liveAssociationCount(officeId: string): Promise<number> {
  const [row] = (await service.dataSource.query(
    `SELECT count(*)::int AS n FROM connector_association WHERE office_id = $1 AND ended_at IS NULL`,
    [officeId],
  )) as { n: number }[];
  return row!.n;
}

/** A validated connector of office A to the given software. */
async function activeConnector(softwareId: string): Promise<string> {
  const added = await addConnector(asA, softwareId);
  expect(added.errors).toBeUndefined();
  const id = added.data!.addConnector.connector.id;
  expect((await validate(asA, id)).errors).toBeUndefined();
  return id;
}

beforeAll(async () => {
  const db = await createTestDatabase('connectors');
  service = await createApp(testServiceConfig('connectors', db));
  url = await service.listen(0);
});

afterAll(async () => {
  await service?.stop();
});

describe('connector softwares', () => {
  it('lists the seeded Belgian and French softwares with their import formats', async () => {
    const res = await gql<{
      connectorSoftwares: { id: string; name: string; kind: string; exportFormats: string[] }[];
    }>(asA, `{ connectorSoftwares { id name kind exportFormats } }`);
    expect(res.errors).toBeUndefined();
    const softwares = res.data!.connectorSoftwares;
    expect(softwares.map((s) => s.name)).toEqual([
      'BOB 50 (Sage)',
      'Cegid',
      'ClearFacts',
      'Exact Online',
      'Horus',
      'Octopus',
      'Pennylane',
      'Popsy',
      'WinBooks',
      'Yuki',
    ]);
    expect(softwares.find((s) => s.id === 'pennylane')).toEqual({
      id: 'pennylane',
      name: 'Pennylane',
      kind: 'ACCOUNTING_SOFTWARE',
      exportFormats: ['FEC', 'CSV'],
    });
    expect(softwares.find((s) => s.id === 'clearfacts')?.kind).toBe('PROVIDER');
  });
});

describe('authentication', () => {
  it('refuses a request the gateway did not sign with HTTP 401', async () => {
    const res = await gql(null, `{ connectors { id } }`);
    expect(res.status).toBe(401);
    expect(codeOf(res)).toBe('UNAUTHENTICATED');
  });

  it('keeps connectors to offices', async () => {
    expect(codeOf(await gql(asVendor, `{ connectors { id } }`))).toBe('FORBIDDEN');
    expect(codeOf(await addConnector(asVendor, 'octopus'))).toBe('FORBIDDEN');
  });
});

describe('connector lifecycle', () => {
  it('adds, validates, lists and deletes a connector through its transitions', async () => {
    const added = await addConnector(asA, 'octopus');
    expect(added.errors).toBeUndefined();
    const connector = added.data!.addConnector.connector;
    expect(connector).toMatchObject({
      state: 'PENDING_VALIDATION',
      validatedAt: null,
      software: { id: 'octopus', name: 'Octopus' },
    });

    const listed = await gql<{ connectors: Connector[] }>(asA, `{ connectors { ${CONNECTOR} } }`);
    expect(listed.data!.connectors.map((c) => c.id)).toContain(connector.id);

    const validated = await validate(asA, connector.id);
    expect(validated.data!.validateConnector.connector).toMatchObject({ id: connector.id, state: 'ACTIVE' });
    expect(validated.data!.validateConnector.connector.validatedAt).not.toBeNull();

    const again = await validate(asA, connector.id);
    expect(codeOf(again)).toBe('CONNECTOR_ILLEGAL_TRANSITION');
    expect(again.errors![0]!.extensions).toMatchObject({ state: 'ACTIVE', action: 'VALIDATE' });

    const deleted = await deleteConnector(asA, connector.id);
    expect(deleted.data!.deleteConnector).toMatchObject({
      connector: { state: 'DELETED' },
      endedAssociationCount: 0,
    });
    expect(codeOf(await deleteConnector(asA, connector.id))).toBe('CONNECTOR_ILLEGAL_TRANSITION');
    expect(codeOf(await validate(asA, connector.id))).toBe('CONNECTOR_ILLEGAL_TRANSITION');

    const after = await gql<{ connectors: Connector[] }>(asA, `{ connectors { id } }`);
    expect(after.data!.connectors.map((c) => c.id)).not.toContain(connector.id);

    // Deleting frees the software: the office may connect to it again.
    expect((await addConnector(asA, 'octopus')).data!.addConnector.connector.state).toBe(
      'PENDING_VALIDATION',
    );
  });

  it('allows one connector per software and office', async () => {
    expect((await addConnector(asA, 'winbooks')).errors).toBeUndefined();
    const twice = await addConnector(asA, 'WinBooks');
    expect(codeOf(twice)).toBe('CONNECTOR_ALREADY_EXISTS');
    expect(twice.errors![0]!.extensions!.field).toBe('softwareId');
    // Another office is not affected by A's choice.
    expect((await addConnector(asB, 'winbooks')).errors).toBeUndefined();
  });

  it('refuses unknown or malformed softwares and ids with typed errors, changing nothing', async () => {
    const [before] = (await service.dataSource.query(`SELECT count(*)::int AS n FROM connector`)) as {
      n: number;
    }[];
    expect(codeOf(await addConnector(asA, 'sap-business-one'))).toBe('CONNECTOR_SOFTWARE_UNKNOWN');
    expect(codeOf(await addConnector(asA, "octopus'; DROP TABLE connector; --"))).toBe(
      'CONNECTOR_SOFTWARE_UNKNOWN',
    );
    expect(codeOf(await validate(asA, 'not-a-uuid'))).toBe('INVALID_ID');
    expect(codeOf(await deleteConnector(asA, '42'))).toBe('INVALID_ID');
    expect(codeOf(await validate(asA, randomUUID()))).toBe('CONNECTOR_NOT_FOUND');
    const [after] = (await service.dataSource.query(`SELECT count(*)::int AS n FROM connector`)) as {
      n: number;
    }[];
    expect(after!.n).toBe(before!.n);
  });
});

describe('client associations', () => {
  it('associates ticked clients, shows it on Client, disassociates, and ends everything on delete', async () => {
    const connectorId = await activeConnector('exact-online');
    const [c1, c2, c3] = (await registerClients(officeA, 3)) as [string, string, string];

    const res = await associate(asA, connectorId, [c1, c2]);
    expect(res.errors).toBeUndefined();
    expect(res.data!.associateClients.associations.map((a) => a.client.id)).toEqual([c1, c2]);
    expect(res.data!.associateClients.associations[0]!.connector).toMatchObject({
      id: connectorId,
      state: 'ACTIVE',
    });

    // Ticking an associated client again changes nothing.
    const again = await associate(asA, connectorId, [c2, c3]);
    expect(again.data!.associateClients.associations.map((a) => a.associatedAt)[0]).toBe(
      res.data!.associateClients.associations[1]!.associatedAt,
    );

    const views = await clientsAs(asA, [c1, c2, c3]);
    expect(views.map((v) => v.connectorAssociation?.connector.software.id)).toEqual([
      'exact-online',
      'exact-online',
      'exact-online',
    ]);
    expect(views[0]!.connectorAssociation).toMatchObject({ client: { id: c1 }, endedAt: null });

    const ended = await disassociate(asA, c3);
    expect(ended.errors).toBeUndefined();
    expect(ended.data!.disassociateClient.client).toEqual({ id: c3, connectorAssociation: null });
    expect(ended.data!.disassociateClient.association.endedAt).not.toBeNull();
    expect(codeOf(await disassociate(asA, c3))).toBe('CONNECTOR_CLIENT_NOT_ASSOCIATED');
    expect((await clientsAs(asA, [c3]))[0]!.connectorAssociation).toBeNull();

    const deleted = await deleteConnector(asA, connectorId);
    expect(deleted.data!.deleteConnector.endedAssociationCount).toBe(2);
    expect((await clientsAs(asA, [c1, c2])).map((v) => v.connectorAssociation)).toEqual([null, null]);
    expect(codeOf(await associate(asA, connectorId, [c1]))).toBe('CONNECTOR_NOT_ACTIVE');
  });

  it('refuses a connector waiting for validation', async () => {
    const added = await addConnector(asA, 'horus');
    const [client] = (await registerClients(officeA, 1)) as [string];
    const res = await associate(asA, added.data!.addConnector.connector.id, [client]);
    expect(codeOf(res)).toBe('CONNECTOR_NOT_ACTIVE');
    expect(res.errors![0]!.extensions).toMatchObject({ state: 'PENDING_VALIDATION', field: 'connectorId' });
  });

  it('keeps a client on one connector and refuses a bad selection as a whole', async () => {
    const yuki = await activeConnector('yuki');
    const popsy = await activeConnector('popsy');
    const [mine, free] = (await registerClients(officeA, 2)) as [string, string];
    const [theirs] = (await registerClients(officeB, 1)) as [string];
    expect((await associate(asA, yuki, [mine])).errors).toBeUndefined();
    const before = await liveAssociationCount(officeA);

    const res = await associate(asA, popsy, [free, mine, theirs, randomUUID()]);
    expect(codeOf(res)).toBe('CONNECTOR_CLIENT_ALREADY_ASSOCIATED');
    expect(
      (res.errors![0]!.extensions!.problems as { field: string; code: string }[]).map((p) => [
        p.field,
        p.code,
      ]),
    ).toEqual([
      ['clientIds.1', 'CONNECTOR_CLIENT_ALREADY_ASSOCIATED'],
      ['clientIds.2', 'CLIENT_NOT_FOUND'],
      ['clientIds.3', 'CLIENT_NOT_FOUND'],
    ]);
    expect(codeOf(await associate(asA, popsy, [free, 'robert']))).toBe('INVALID_ID');
    expect(codeOf(await associate(asA, popsy, [free, free]))).toBe('CONNECTOR_SELECTION_DUPLICATE_CLIENT');
    expect(codeOf(await associate(asA, popsy, []))).toBe('CONNECTOR_SELECTION_SIZE_INVALID');
    expect(codeOf(await associate(asA, 'nope', [free]))).toBe('INVALID_ID');
    expect(codeOf(await disassociate(asA, 'nope'))).toBe('INVALID_ID');

    expect(await liveAssociationCount(officeA)).toBe(before);
    expect(
      (await clientsAs(asA, [free, mine])).map((v) => v.connectorAssociation?.connector.id ?? null),
    ).toEqual([null, yuki]);
  });
});

describe('tenant isolation', () => {
  it("shows another office nothing and lets it touch nothing of office A's", async () => {
    const connectorId = await activeConnector('cegid');
    const [client] = (await registerClients(officeA, 1)) as [string];
    expect((await associate(asA, connectorId, [client])).errors).toBeUndefined();
    const [clientOfB] = (await registerClients(officeB, 1)) as [string];

    const listed = await gql<{ connectors: Connector[] }>(asB, `{ connectors { id } }`);
    expect(listed.data!.connectors.map((c) => c.id)).not.toContain(connectorId);
    expect(codeOf(await validate(asB, connectorId))).toBe('CONNECTOR_NOT_FOUND');
    expect(codeOf(await deleteConnector(asB, connectorId))).toBe('CONNECTOR_NOT_FOUND');
    expect(codeOf(await associate(asB, connectorId, [clientOfB]))).toBe('CONNECTOR_NOT_FOUND');
    expect(codeOf(await disassociate(asB, client))).toBe('CLIENT_NOT_FOUND');
    expect((await clientsAs(asB, [client]))[0]!.connectorAssociation).toBeNull();
    expect((await clientsAs(asVendor, [client]))[0]!.connectorAssociation).toBeNull();

    // Still intact for A.
    const mine = await clientsAs(asA, [client]);
    expect(mine[0]!.connectorAssociation?.connector).toMatchObject({ id: connectorId, state: 'ACTIVE' });
  });
});

describe('client directory', () => {
  it('learns clients from ClientRegistered events on Kafka', async () => {
    const connectorId = await activeConnector('bob50');
    const clientId = randomUUID();
    expect(codeOf(await associate(asA, connectorId, [clientId]))).toBe('CLIENT_NOT_FOUND');

    const bus = createKafkaBus({ brokers: service.config.kafkaBrokers, clientId: 'test', log: service.log });
    try {
      await bus.publish([
        encodeEvent(
          ClientRegisteredSchema,
          {
            clientId,
            officeId: officeA,
            companyName: 'Boulangerie Dupont',
            clientCode: 'DUP001',
            language: 'fr',
            version: 1,
          },
          { source: 'clients', tenant: officeA, subject: clientId },
        ),
      ]);
    } finally {
      await bus.close();
    }

    // Refused (and nothing written) until the directory has the client, then accepted.
    await eventually(
      'the ClientRegistered event reached the directory',
      async () => (await associate(asA, connectorId, [clientId])).errors === undefined,
      45_000,
    );
    const [view] = await clientsAs(asA, [clientId]);
    expect(view!.connectorAssociation?.connector.id).toBe(connectorId);
  });
});

describe('batching', () => {
  it('resolves Client.connectorAssociation for 100 clients with the statements of 10', async () => {
    const connectorId = await activeConnector('pennylane');
    const count = async (n: number) => {
      const ids = await registerClients(officeA, n);
      expect((await associate(asA, connectorId, ids)).errors).toBeUndefined();
      const requestId = randomUUID();
      const views = await clientsAs(asA, ids, requestId);
      expect(views.every((v) => v.connectorAssociation?.connector.software.id === 'pennylane')).toBe(true);
      return service.sqlCounter.countFor(requestId);
    };
    const ten = await count(10);
    const hundred = await count(100);
    expect(ten).toBeGreaterThan(0);
    expect(hundred).toBe(ten);
  });
});

import { randomUUID } from 'node:crypto';
import { ClientRegisteredSchema, ClientUpdatedSchema, encodeEvent } from '@fidu/proto-events';
import {
  createKafkaBus,
  handleOnce,
  type EventBus,
  type Principal,
  type RunningService,
} from '@fidu/service-kit';
import { callSubgraph, createTestDatabase, eventually, testServiceConfig } from '@fidu/service-kit/testing';
import { createApp } from './app';
import { onClientEvent } from './events/on-client-event';

const OFFICE_A = `office-a-${randomUUID().slice(0, 8)}`;
const OFFICE_B = `office-b-${randomUUID().slice(0, 8)}`;
const officeA: Principal = { kind: 'office', officeId: OFFICE_A, userId: randomUUID(), roles: ['admin'] };
const officeB: Principal = { kind: 'office', officeId: OFFICE_B, userId: randomUUID(), roles: ['admin'] };
const sdWorx: Principal = {
  kind: 'partner',
  partnerType: 'SOCIAL_SECRETARIAT',
  partnerId: '5ec00000-0000-4000-8000-000000000002',
};
const anonymous: Principal = { kind: 'anonymous' };

const BANKS = `{ banks { id name bic supportsEsignature supportsCaro kind } }`;
const PROFILES = `query ($reps: [_Any!]!) {
  _entities(representations: $reps) {
    ... on Client {
      id
      mandateProfile { companyName enterpriseNumber clientCode email phone language street postalCode city country version syncedAt }
    }
  }
}`;

type Profile = {
  companyName: string;
  enterpriseNumber: string | null;
  email: string | null;
  version: number;
  [field: string]: unknown;
};
type Entities = { _entities: ({ id: string; mandateProfile: Profile | null } | null)[] };

const reps = (ids: string[]) => ids.map((id) => ({ __typename: 'Client', id }));

function registered(clientId: string, officeId: string, overrides: Record<string, unknown> = {}) {
  return encodeEvent(
    ClientRegisteredSchema,
    {
      clientId,
      officeId,
      enterpriseNumber: '0403170701',
      companyName: 'Boulangerie Dupont',
      clientCode: 'DUP001',
      email: 'info@dupont.be',
      phone: '+3225111111',
      language: 'fr',
      street: 'Rue Haute 1',
      postalCode: '1000',
      city: 'Bruxelles',
      country: 'BE',
      version: 1,
      ...overrides,
    },
    { source: 'clients', tenant: officeId, subject: clientId },
  );
}

function updated(
  clientId: string,
  officeId: string,
  version: number,
  changes: { field: string; oldValue?: string; newValue?: string }[],
  id?: string,
) {
  return encodeEvent(
    ClientUpdatedSchema,
    { clientId, officeId, version, changes },
    { id, source: 'clients', tenant: officeId, subject: clientId },
  );
}

describe('mandates subgraph (real Postgres and Kafka)', () => {
  let service: RunningService;
  let url: string;
  let bus: EventBus;

  beforeAll(async () => {
    const db = await createTestDatabase('mandates');
    service = await createApp(testServiceConfig('mandates', db));
    url = await service.listen(0);
    bus = createKafkaBus({
      brokers: service.config.kafkaBrokers,
      clientId: 'mandates-test',
      log: service.log,
    });
  });

  afterAll(async () => {
    await bus?.close();
    await service?.stop();
  });

  async function profileOf(principal: Principal, clientId: string): Promise<Profile | null | undefined> {
    const res = await callSubgraph<Entities>(url, principal, PROFILES, { reps: reps([clientId]) });
    expect(res.errors).toBeUndefined();
    return res.data?._entities[0]?.mandateProfile;
  }

  describe('reference data', () => {
    it('lists the seeded banks in name order, with their BIC, capabilities and kind', async () => {
      const res = await callSubgraph<{ banks: { name: string; bic: string; kind: string }[] }>(
        url,
        officeA,
        BANKS,
      );
      expect(res.errors).toBeUndefined();
      const banks = res.data!.banks;
      expect(banks).toHaveLength(15);
      expect(banks).toContainEqual({
        id: 'ba000000-0000-4000-8000-000000000001',
        name: 'BNP Paribas Fortis',
        bic: 'GEBABEBB',
        supportsEsignature: false,
        supportsCaro: true,
        kind: 'ONLINE_BANKING',
      });
      expect(banks).toContainEqual(
        expect.objectContaining({
          name: 'Argenta',
          bic: 'ARSPBE22',
          supportsEsignature: true,
          kind: 'STANDARD',
        }),
      );
      expect(banks).toContainEqual(expect.objectContaining({ name: 'Revolut Bank', kind: 'NOT_COMPATIBLE' }));
      const names = banks.map((b) => b.name.toLowerCase());
      expect(names).toEqual([...names].sort());
    });

    it('lists social secretariats, partners or not, and accounting software with what it can import', async () => {
      const res = await callSubgraph<{
        socialSecretariats: { name: string; isPartner: boolean }[];
        mandateSoftwares: { name: string; imports: string[] }[];
      }>(url, officeA, `{ socialSecretariats { id name isPartner } mandateSoftwares { id name imports } }`);
      expect(res.errors).toBeUndefined();
      const { socialSecretariats, mandateSoftwares } = res.data!;
      expect(socialSecretariats.map((s) => s.name)).toEqual([
        'Acerta',
        'Group S',
        'Liantis',
        'Partena Professional',
        'SD Worx',
        'Securex',
        'UCM',
      ]);
      expect(socialSecretariats).toContainEqual(
        expect.objectContaining({ name: 'SD Worx', isPartner: true }),
      );
      expect(socialSecretariats).toContainEqual(expect.objectContaining({ name: 'UCM', isPartner: false }));
      expect(mandateSoftwares).toContainEqual(
        expect.objectContaining({ name: 'Yuki', imports: ['CODA', 'CARO'] }),
      );
      expect(mandateSoftwares).toContainEqual(
        expect.objectContaining({ name: 'Exact Online', imports: ['CODA', 'SODA', 'CARO'] }),
      );
      expect(mandateSoftwares.filter((s) => !s.imports.includes('SODA')).map((s) => s.name)).toEqual([
        'Yuki',
      ]);
    });

    it('finds one row by id; an unknown id is null', async () => {
      const res = await callSubgraph<Record<string, { name: string } | null>>(
        url,
        officeA,
        `query ($bank: ID!, $secretariat: ID!, $software: ID!, $unknown: ID!) {
          bank(id: $bank) { name } socialSecretariat(id: $secretariat) { name } mandateSoftware(id: $software) { name }
          unknownBank: bank(id: $unknown) { name }
        }`,
        {
          bank: 'BA000000-0000-4000-8000-000000000002',
          secretariat: '5ec00000-0000-4000-8000-000000000002',
          software: '50f70000-0000-4000-8000-00000000000a',
          unknown: randomUUID(),
        },
      );
      expect(res.errors).toBeUndefined();
      expect(res.data).toEqual({
        bank: { name: 'KBC' },
        socialSecretariat: { name: 'SD Worx' },
        mandateSoftware: { name: 'Yuki' },
        unknownBank: null,
      });
    });

    it('is readable by partners and operators too', async () => {
      for (const principal of [sdWorx, { kind: 'operator', userId: randomUUID() } as Principal]) {
        const res = await callSubgraph<{ banks: unknown[] }>(url, principal, BANKS);
        expect(res.errors).toBeUndefined();
        expect(res.data!.banks).toHaveLength(15);
      }
    });

    it('refuses anonymous callers with UNAUTHENTICATED, and unsigned requests with HTTP 401', async () => {
      const anon = await callSubgraph(
        url,
        anonymous,
        `{ banks { id } socialSecretariats { id } mandateSoftwares { id } }`,
      );
      expect(anon.data).toBeNull();
      expect(anon.errors?.map((e) => e.extensions?.code)).toEqual(['UNAUTHENTICATED']);
      const unsigned = await callSubgraph(url, null, BANKS);
      expect(unsigned.status).toBe(401);
      expect(unsigned.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    });

    it('refuses a malformed id with INVALID_ID before it reaches SQL, and nothing changes', async () => {
      const res = await callSubgraph(url, officeA, `query ($id: ID!) { bank(id: $id) { id } }`, {
        id: "x'; DELETE FROM bank; --",
      });
      expect(res.status).toBe(200);
      expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'INVALID_ID', field: 'id' });
      const [{ count }] = (await service.dataSource.query(`SELECT count(*)::int AS count FROM bank`)) as [
        { count: number },
      ];
      expect(count).toBe(15);
    });
  });

  describe('client projection', () => {
    it('follows the clients events from Kafka and shows the profile to the owning office only', async () => {
      const clientId = randomUUID();
      await bus.publish([registered(clientId, OFFICE_A)]);
      const profile = await eventually('the registered client shows in its mandate profile', () =>
        profileOf(officeA, clientId).then((p) => p ?? undefined),
      );
      expect(profile).toMatchObject({
        companyName: 'Boulangerie Dupont',
        enterpriseNumber: '0403.170.701',
        clientCode: 'DUP001',
        email: 'info@dupont.be',
        phone: '+3225111111',
        language: 'FR',
        street: 'Rue Haute 1',
        postalCode: '1000',
        city: 'Bruxelles',
        country: 'BE',
        version: 1,
      });
      expect(new Date(profile.syncedAt as string).toISOString()).toBe(profile.syncedAt);

      expect(await profileOf(officeB, clientId)).toBeNull();
      expect(await profileOf(sdWorx, clientId)).toBeNull();
      expect(await profileOf(anonymous, clientId)).toBeNull();

      await bus.publish([
        updated(clientId, OFFICE_A, 2, [
          { field: 'companyName', oldValue: 'Boulangerie Dupont', newValue: 'Boulangerie Dupont & Fils' },
          { field: 'email', oldValue: 'info@dupont.be' },
        ]),
      ]);
      const changed = await eventually('the update shows in the mandate profile', () =>
        profileOf(officeA, clientId).then((p) => (p?.version === 2 ? p : undefined)),
      );
      expect(changed).toMatchObject({
        companyName: 'Boulangerie Dupont & Fils',
        email: null,
        clientCode: 'DUP001',
      });
    });

    it('answers null, not an error, for ids it cannot know', async () => {
      const res = await callSubgraph<Entities>(url, officeA, PROFILES, {
        reps: reps(['not-a-uuid', randomUUID()]),
      });
      expect(res.errors).toBeUndefined();
      expect(res.data!._entities.map((c) => c?.mandateProfile)).toEqual([null, null]);
    });

    it('is idempotent under redelivery: a replayed event, even an older one, changes nothing', async () => {
      const clientId = randomUUID();
      const inbox = {
        dataSource: service.dataSource,
        groupId: service.config.kafkaGroupId,
        handle: onClientEvent,
      };
      const row = async () =>
        (await service.dataSource.query(`SELECT * FROM client_directory WHERE client_id = $1`, [
          clientId,
        ])) as Record<string, unknown>[];

      const v1 = registered(clientId, OFFICE_A);
      const v2 = updated(clientId, OFFICE_A, 2, [
        { field: 'email', oldValue: 'info@dupont.be', newValue: 'v2@dupont.be' },
      ]);
      const v3 = updated(clientId, OFFICE_A, 3, [
        { field: 'email', oldValue: 'v2@dupont.be', newValue: 'v3@dupont.be' },
      ]);
      expect(await handleOnce(inbox, { value: v1.value })).toBe(true);
      expect(await handleOnce(inbox, { value: v2.value })).toBe(true);
      expect(await handleOnce(inbox, { value: v3.value })).toBe(true);
      const latest = await row();
      expect(latest).toEqual([expect.objectContaining({ email: 'v3@dupont.be', version: 3 })]);

      // Redelivery of the same events: recognised by the inbox, no second effect.
      expect(await handleOnce(inbox, { value: v3.value })).toBe(false);
      expect(await handleOnce(inbox, { value: v2.value })).toBe(false);
      expect(await handleOnce(inbox, { value: v1.value })).toBe(false);
      expect(await row()).toEqual(latest);

      // The same older facts under new event ids pass the inbox but cannot roll the client back.
      expect(
        await handleOnce(inbox, {
          value: updated(clientId, OFFICE_A, 2, [{ field: 'email', newValue: 'v2@dupont.be' }]).value,
        }),
      ).toBe(true);
      expect(
        await handleOnce(inbox, { value: registered(clientId, OFFICE_A, { email: 'old@dupont.be' }).value }),
      ).toBe(true);
      expect(await row()).toEqual(latest);

      const inboxRows = (await service.dataSource.query(
        `SELECT event_id FROM inbox WHERE consumer = $1 AND event_id = ANY($2::uuid[])`,
        [service.config.kafkaGroupId, [v1.id, v2.id, v3.id]],
      )) as unknown[];
      expect(inboxRows).toHaveLength(3);
      expect(await profileOf(officeA, clientId)).toMatchObject({ email: 'v3@dupont.be', version: 3 });
    });

    it('costs the same number of SQL statements for 100 clients as for 10', async () => {
      const ids = Array.from({ length: 100 }, () => randomUUID());
      await service.dataSource.query(
        `INSERT INTO client_directory (client_id, office_id, company_name, client_code, language, version)
         SELECT id, $2, 'Client ' || n, 'C' || n, 'NL', 1 FROM unnest($1::uuid[]) WITH ORDINALITY AS t(id, n)`,
        [ids, OFFICE_A],
      );
      const statementsFor = async (count: number) => {
        const requestId = randomUUID();
        const res = await callSubgraph<Entities>(
          url,
          officeA,
          PROFILES,
          { reps: reps(ids.slice(0, count)) },
          { requestId },
        );
        expect(res.errors).toBeUndefined();
        expect(res.data!._entities.filter((c) => c?.mandateProfile)).toHaveLength(count);
        return service.sqlCounter.countFor(requestId);
      };
      const forTen = await statementsFor(10);
      const forHundred = await statementsFor(100);
      expect(forTen).toBe(1);
      expect(forHundred).toBe(forTen);
    });
  });
});

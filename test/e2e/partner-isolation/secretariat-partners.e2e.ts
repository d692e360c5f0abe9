import { sharedSystem, newOffice, type TestSystem } from '../../support/system';
import { enterpriseNumber } from '../../support/fixtures';
import { untilConsumersJoined } from './warm-up';
import {
  BANK_MOVE,
  BANKS,
  ORDER_CODA,
  SECRETARIATS,
  SOFTWARES,
  bankPartner,
  belgianIban,
  codeOf,
  createKnownClient,
  ok,
  secretariatPartner,
} from '../mandates-support/mandates-helpers';

const ORDER_SODA = `mutation($input: OrderSodaInput!) { orderSoda(input: $input) { sodaMandates { id state socialSecretariat { id } } } }`;
const ANSWER = `mutation($input: AnswerSodaActivationRequestInput!) { answerSodaActivationRequest(input: $input) { sodaMandate { id state } } }`;
const DECLARE = `mutation($numbers: [String!]!) { declareSodaAffiliations(input: { enterpriseNumbers: $numbers }) { declared } }`;
const BOOST = `query($clientId: ID!) { sodaBoost(clientId: $clientId) { affiliatedSecretariat { id } affiliations { socialSecretariat { id } affiliated } } }`;
const MANDATES = `query($clientId: ID) { sodaMandates(filter: { clientId: $clientId }) { edges { node { id state stateReason history { toState actor } } } } }`;

/**
 * A client seed whose enterprise number no other test uses: affiliations are facts about an
 * enterprise, whichever office has it as a client, and the worker's federation keeps those that
 * earlier files (or this one, run before) recorded. Drawn among 6.9 million, above the seeds other
 * tests build clients from (below 1,000,000).
 */
const freshSeed = () => 1_000_000 + Math.floor(Math.random() * 6_900_000);

/**
 * Partner isolation for social secretariats: a secretariat answers only requests addressed to it, and
 * declaring affiliates (facts it owns) never changes another secretariat's facts, an office's
 * mandates, or what Boost says beyond what the SODA workflow (answers to requests) says.
 */
describe('partners: a social secretariat acts only on what is addressed to it', () => {
  let sys: TestSystem;
  let office: string;
  let sdWorx: string;
  let securex: string;
  let partena: string;

  /**
   * Every affiliation row, for "nothing else changed" checks: only secretariats' declarations and
   * answers write them, in their requests, and a worker runs one test file at a time, so the table
   * holds still between two reads of one test on the shared federation too.
   */
  const affiliationRows = async () =>
    sys.services.mandates.dataSource.query(
      `SELECT enterprise_number, social_secretariat_id::text, affiliated, reported_at FROM soda_affiliation
        ORDER BY enterprise_number, social_secretariat_id`,
    );

  /** A client whose SODA at SD Worx and Securex is requested (its CODA is signed). */
  async function requestedAtSdWorxAndSecurex(n: number) {
    const client = await createKnownClient(sys, office, n);
    const { orderSoda } = ok(
      await sys.gql(office, ORDER_SODA, {
        input: {
          clientId: client.id,
          socialSecretariatIds: [SECRETARIATS.sdWorx, SECRETARIATS.securex],
          softwareId: SOFTWARES.exact,
        },
      }),
    );
    const bnp = await sys.token(bankPartner(BANKS.bnp));
    const coda = ok(
      await sys.gql(office, ORDER_CODA, {
        input: { clientId: client.id, bankId: BANKS.bnp, ibans: [belgianIban(n)] },
      }),
    ).orderCoda.codaMandate.id;
    ok(await sys.gql(bnp, BANK_MOVE, { input: { codaMandateId: coda, state: 'AVAILABLE_ONLINE' } }));
    ok(await sys.gql(bnp, BANK_MOVE, { input: { codaMandateId: coda, state: 'SIGNED' } }));
    const [atSdWorx, atSecurex] = orderSoda.sodaMandates as { id: string }[];
    return { client, atSdWorx: atSdWorx!.id, atSecurex: atSecurex!.id };
  }

  beforeAll(async () => {
    sys = await sharedSystem();
    office = await sys.token(newOffice());
    await untilConsumersJoined(sys, office);
    sdWorx = await sys.token(secretariatPartner(SECRETARIATS.sdWorx));
    securex = await sys.token(secretariatPartner(SECRETARIATS.securex));
    partena = await sys.token(secretariatPartner(SECRETARIATS.partena));
  }, 300_000);
  afterAll(() => sys?.stop());

  it("refuses a secretariat that answers another secretariat's request, and changes nothing", async () => {
    const { client, atSdWorx } = await requestedAtSdWorxAndSecurex(freshSeed());
    const before = ok(await sys.gql(office, MANDATES, { clientId: client.id })).sodaMandates;
    const affiliationsBefore = await affiliationRows();
    for (const answer of ['ACTIVATE', 'NOT_AFFILIATED'])
      expect(codeOf(await sys.gql(securex, ANSWER, { input: { sodaMandateId: atSdWorx, answer } }))).toBe(
        'SODA_MANDATE_NOT_FOUND',
      );
    expect(ok(await sys.gql(office, MANDATES, { clientId: client.id })).sodaMandates).toEqual(before);
    expect(await affiliationRows()).toEqual(affiliationsBefore);
  });

  it("lets a secretariat declare another office's client as its affiliate without overriding the workflow's answer", async () => {
    const seed = freshSeed();
    const { client, atSdWorx, atSecurex } = await requestedAtSdWorxAndSecurex(seed);
    ok(await sys.gql(sdWorx, ANSWER, { input: { sodaMandateId: atSdWorx, answer: 'ACTIVATE' } }));
    ok(await sys.gql(securex, ANSWER, { input: { sodaMandateId: atSecurex, answer: 'NOT_AFFILIATED' } }));
    const mandatesBefore = ok(await sys.gql(office, MANDATES, { clientId: client.id })).sodaMandates;
    const [sdWorxRowBefore] = (await affiliationRows()).filter(
      (r: any) =>
        r.social_secretariat_id === SECRETARIATS.sdWorx && r.enterprise_number === enterpriseNumber(seed),
    );

    // Partena (not asked) and Securex (which answered "not affiliated") both claim the client: accepted
    // as their own declarations, but SD Worx's answer still decides, and nothing else moved.
    expect(
      ok(await sys.gql(partena, DECLARE, { numbers: [enterpriseNumber(seed)] })).declareSodaAffiliations
        .declared,
    ).toBe(1);
    expect(
      ok(await sys.gql(securex, DECLARE, { numbers: [enterpriseNumber(seed)] })).declareSodaAffiliations
        .declared,
    ).toBe(1);
    const boost = ok(await sys.gql(office, BOOST, { clientId: client.id })).sodaBoost;
    expect(boost.affiliatedSecretariat).toEqual({ id: SECRETARIATS.sdWorx });
    expect(boost.affiliations).toEqual(
      expect.arrayContaining([
        { socialSecretariat: { id: SECRETARIATS.sdWorx }, affiliated: true },
        { socialSecretariat: { id: SECRETARIATS.partena }, affiliated: true },
        // Securex's answer to the office's request is not overwritten by its later declaration.
        { socialSecretariat: { id: SECRETARIATS.securex }, affiliated: false },
      ]),
    );
    expect(ok(await sys.gql(office, MANDATES, { clientId: client.id })).sodaMandates).toEqual(mandatesBefore);
    const [sdWorxRowAfter] = (await affiliationRows()).filter(
      (r: any) =>
        r.social_secretariat_id === SECRETARIATS.sdWorx && r.enterprise_number === enterpriseNumber(seed),
    );
    expect(sdWorxRowAfter).toEqual(sdWorxRowBefore);
  });

  it('answers nobody when several secretariats only declare the same enterprise, so none takes it by declaring last', async () => {
    const seed = freshSeed();
    const client = await createKnownClient(sys, office, seed);
    ok(await sys.gql(sdWorx, DECLARE, { numbers: [enterpriseNumber(seed)] }));
    expect(ok(await sys.gql(office, BOOST, { clientId: client.id })).sodaBoost.affiliatedSecretariat).toEqual(
      {
        id: SECRETARIATS.sdWorx,
      },
    );
    ok(await sys.gql(partena, DECLARE, { numbers: [enterpriseNumber(seed)] }));
    const boost = ok(await sys.gql(office, BOOST, { clientId: client.id })).sodaBoost;
    expect(boost.affiliatedSecretariat).toBeNull();
    expect(boost.affiliations).toHaveLength(2);
    const sources = ok(
      await sys.gql(office, `query($id: ID!) { sodaBoost(clientId: $id) { affiliations { source } } }`, {
        id: client.id,
      }),
    ).sodaBoost.affiliations;
    expect(sources).toEqual([{ source: 'DECLARATION' }, { source: 'DECLARATION' }]);
  });

  it('refuses declarations from a secretariat that is not a partner, or an unknown one, and stores nothing', async () => {
    const seed = freshSeed();
    const before = await affiliationRows();
    const ucm = await sys.token(secretariatPartner(SECRETARIATS.ucm));
    expect(codeOf(await sys.gql(ucm, DECLARE, { numbers: [enterpriseNumber(seed)] }))).toBe('FORBIDDEN');
    const unknown = await sys.token(secretariatPartner('not-a-secretariat'));
    expect(codeOf(await sys.gql(unknown, DECLARE, { numbers: [enterpriseNumber(seed)] }))).toBe('FORBIDDEN');
    const stranger = await sys.token(secretariatPartner('5ec00000-0000-4000-8000-0000000000ff'));
    expect(codeOf(await sys.gql(stranger, DECLARE, { numbers: [enterpriseNumber(seed)] }))).toBe('FORBIDDEN');
    expect(await affiliationRows()).toEqual(before);
  });
});

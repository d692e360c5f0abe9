import { startSystem, newOffice, type TestSystem } from '../../support/system';
import { ORDER_CODA, belgianIban, codeOf, createKnownClient, ok } from '../mandates-support/mandates-helpers';

const SAVE_BANK = `mutation($input: SaveBankInput!) { saveBank(input: $input) { bank { id name bic kind supportsEsignature supportsCaro } releasedMandates } }`;
const SAVE_SECRETARIAT = `mutation($input: SaveSocialSecretariatInput!) { saveSocialSecretariat(input: $input) { socialSecretariat { id name isPartner } } }`;
const SAVE_SOFTWARE = `mutation($input: SaveMandateSoftwareInput!) { saveMandateSoftware(input: $input) { mandateSoftware { id name imports } } }`;

/** Reference data: an operator adds and edits banks, secretariats and software; nobody else can. */
describe('mandates: reference data editing', () => {
  let sys: TestSystem;
  let operator: string;
  let office: string;

  beforeAll(async () => {
    sys = await startSystem();
    operator = await sys.token({ kind: 'operator', userId: 'ops-1' });
    office = await sys.token(newOffice());
  }, 120_000);
  afterAll(() => sys?.stop());

  it('adds a bank not compatible yet; making it compatible releases the CODA orders registered there', async () => {
    const bankInput = {
      name: 'Banque Nouvelle',
      bic: 'NOUVBEBB',
      supportsEsignature: false,
      supportsCaro: false,
      kind: 'NOT_COMPATIBLE',
    };
    const { bank } = ok(await sys.gql(operator, SAVE_BANK, { input: bankInput })).saveBank;
    expect(bank).toMatchObject({ name: 'Banque Nouvelle', bic: 'NOUVBEBB', kind: 'NOT_COMPATIBLE' });
    expect(ok(await sys.gql(office, `{ banks { id } }`)).banks.map((b: any) => b.id)).toContain(bank.id);

    const client = await createKnownClient(sys, office, 1);
    const mandate = ok(
      await sys.gql(office, ORDER_CODA, {
        input: { clientId: client.id, bankId: bank.id, ibans: [belgianIban(401)] },
      }),
    ).orderCoda.codaMandate;
    expect(mandate.state).toBe('REGISTERED');

    const saved = ok(
      await sys.gql(operator, SAVE_BANK, {
        input: { ...bankInput, id: bank.id, kind: 'STANDARD', supportsEsignature: true },
      }),
    ).saveBank;
    expect(saved.releasedMandates).toBe(1);
    const after = ok(
      await sys.gql(
        office,
        `query($id: ID!) { codaMandate(id: $id) { state documentVersion availableActions history { fromState toState actor } } }`,
        { id: mandate.id },
      ),
    ).codaMandate;
    expect(after).toMatchObject({
      state: 'IN_PREPARATION',
      documentVersion: 1,
      availableActions: ['SIGN_ELECTRONICALLY', 'ARCHIVE', 'RESEND_TO_CLIENT'],
    });
    expect(after.history.slice(1).map((h: any) => [h.fromState, h.toState, h.actor])).toEqual([
      ['REGISTERED', 'IN_TREATMENT', 'operator:ops-1'],
      ['IN_TREATMENT', 'IN_PREPARATION', 'operator:ops-1'],
    ]);
  });

  it('validates what it saves, and refuses anyone but an operator', async () => {
    const base = {
      name: 'Banque Test',
      bic: 'TESTBEBB',
      supportsEsignature: false,
      supportsCaro: false,
      kind: 'STANDARD',
    };
    expect(codeOf(await sys.gql(operator, SAVE_BANK, { input: { ...base, bic: 'nope' } }))).toBe(
      'BANK_BIC_INVALID',
    );
    expect(
      codeOf(
        await sys.gql(operator, SAVE_BANK, {
          input: { ...base, kind: 'ONLINE_BANKING', supportsEsignature: true },
        }),
      ),
    ).toBe('BANK_ESIGNATURE_DOCUMENT_REQUIRED');
    expect(codeOf(await sys.gql(operator, SAVE_BANK, { input: { ...base, name: 'KBC' } }))).toBe(
      'REFERENCE_DATA_DUPLICATE',
    );
    expect(codeOf(await sys.gql(operator, SAVE_BANK, { input: { ...base, id: crypto.randomUUID() } }))).toBe(
      'BANK_NOT_FOUND',
    );
    expect(codeOf(await sys.gql(office, SAVE_BANK, { input: base }))).toBe('FORBIDDEN');
    expect(codeOf(await sys.gql(null, SAVE_BANK, { input: base }))).toBe('UNAUTHENTICATED');

    const { socialSecretariat } = ok(
      await sys.gql(operator, SAVE_SECRETARIAT, {
        input: { name: 'Sociaal Secretariaat Oost', isPartner: false },
      }),
    ).saveSocialSecretariat;
    expect(
      ok(
        await sys.gql(operator, SAVE_SECRETARIAT, {
          input: { id: socialSecretariat.id, name: socialSecretariat.name, isPartner: true },
        }),
      ).saveSocialSecretariat.socialSecretariat.isPartner,
    ).toBe(true);
    const { mandateSoftware } = ok(
      await sys.gql(operator, SAVE_SOFTWARE, { input: { name: 'Boekhoud Pro', imports: ['SODA', 'CODA'] } }),
    ).saveMandateSoftware;
    expect(mandateSoftware.imports).toEqual(['CODA', 'SODA']);
    expect(codeOf(await sys.gql(operator, SAVE_SOFTWARE, { input: { name: 'Empty', imports: [] } }))).toBe(
      'SOFTWARE_IMPORTS_REQUIRED',
    );
    expect(
      codeOf(
        await sys.gql(
          await sys.token({ kind: 'partner', partnerType: 'SOFTWARE_VENDOR', partnerId: mandateSoftware.id }),
          SAVE_SOFTWARE,
          { input: { name: 'X', imports: ['CODA'] } },
        ),
      ),
    ).toBe('FORBIDDEN');
  });
});

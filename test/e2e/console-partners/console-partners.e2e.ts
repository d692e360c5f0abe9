import { consoleUrlOf, openConsole, type ConsoleBrowser } from '../../support/browser';
import { seedDemoData } from '../../support/demo';
import { startSystem, type TestSystem } from '../../support/system';

const SD_WORX = '5ec00000-0000-4000-8000-000000000002';

/**
 * The console as approved companies, voucher users and partners use it (seed 000, 004), in headless
 * Chromium against the whole system on the demo data.
 */
describe('console: approved company, voucher user, secretariat and bank', () => {
  let sys: TestSystem;
  let browser: ConsoleBrowser;
  let officeToken: string;

  beforeAll(async () => {
    sys = await startSystem();
    officeToken = await seedDemoData(sys);
    browser = await openConsole(consoleUrlOf(sys.gatewayUrl));
  }, 600_000);
  afterAll(async () => {
    await browser?.close();
    await sys?.stop();
  });

  const page = () => browser.page;
  const noSeriousViolations = async () => expect(await browser.seriousViolations()).toEqual([]);
  const signInAs = async (label: string) => {
    await page().goto('/');
    if (await page().getByRole('button', { name: 'Se déconnecter' }).isVisible())
      await page().getByRole('button', { name: 'Se déconnecter' }).click();
    await page().getByRole('button', { name: label }).click();
  };

  it('approved company: dashboard, validates a prestation, billing tab', async () => {
    await signInAs('Entreprise agréée titres-services');
    await page().getByRole('heading', { name: 'Titres-services — tableau de bord' }).waitFor();
    await page().getByText('Prestations en attente de votre validation').waitFor();
    const validate = page().getByRole('button', { name: 'Valider' });
    await validate.first().waitFor();
    const before = await validate.count();
    await browser.screenshot('11-company-dashboard');
    await noSeriousViolations();
    await validate.first().click();
    await page()
      .getByRole('button', { name: 'Valider' })
      .nth(before - 1)
      .waitFor({ state: 'detached' });
    await page().getByRole('heading', { name: 'Facturation' }).waitFor();
  });

  it('voucher user: confirms a prestation; a contest without reason is refused at its field', async () => {
    await signInAs('Utilisateur titres-services');
    await page().getByRole('heading', { name: 'Prestations à confirmer' }).waitFor();
    const items = page().locator('main li');
    await items.first().waitFor();
    const before = await items.count();
    await browser.screenshot('12-voucher-user');
    await noSeriousViolations();
    await items.first().getByRole('button', { name: 'Contester' }).click();
    await items
      .first()
      .locator('.field-error, .errors')
      .first()
      .or(page().locator('.errors'))
      .first()
      .waitFor();
    await items.first().getByRole('button', { name: 'Confirmer' }).click();
    await page()
      .locator('main li')
      .nth(before - 1)
      .waitFor({ state: 'detached' });
    await page().getByRole('heading', { name: 'Portefeuille' }).waitFor();
  });

  it('social secretariat: a new SODA request appears live, and is confirmed', async () => {
    await signInAs('Secrétariat social (SD Worx)');
    await page().getByRole('heading', { name: 'Demandes reçues' }).waitFor();
    await page().locator('tr[data-mandate]').first().waitFor();
    await browser.screenshot('13-secretariat-inbox');
    await noSeriousViolations();
    // The office orders SODA from SD Worx in another session.
    const list = await sys.gql(
      officeToken,
      `{ clients(first: 100) { edges { node { id companyName enterpriseNumber sodaMandates { id } } } } mandateSoftwares { id name } }`,
    );
    const client = list.data.clients.edges
      .map((e: any) => e.node)
      .find((c: any) => c.enterpriseNumber && c.sodaMandates.length === 0);
    const exact = list.data.mandateSoftwares.find((s: any) => s.name === 'Exact Online');
    const ordered = await sys.gql(
      officeToken,
      `mutation($input: OrderSodaInput!) { orderSoda(input: $input) { sodaMandates { id } } }`,
      { input: { clientId: client.id, softwareId: exact.id, socialSecretariatIds: [SD_WORX] } },
    );
    const id = ordered.data.orderSoda.sodaMandates[0].id;
    const row = page().locator(`tr[data-mandate="${id}"]`);
    // No reload: the subscription brings it.
    await row.waitFor({ timeout: 60_000 });
    await row.getByText(client.companyName).waitFor();
    await row.getByRole('button', { name: 'Confirmer' }).click();
    await row.locator('.state', { hasText: 'Confirmé' }).waitFor();
  });

  it('bank: moves a signed CODA mandate on', async () => {
    await signInAs('Banque (KBC)');
    await page().getByRole('heading', { name: 'Mandats CODA adressés à votre banque' }).waitFor();
    const move = page().getByRole('button', { name: /^Passer à/ });
    await move.first().waitFor();
    await browser.screenshot('14-bank-inbox');
    await noSeriousViolations();
    const row = page().locator('tr[data-mandate]', { has: move.first() }).first();
    const id = await row.getAttribute('data-mandate');
    const label = await move.first().innerText();
    await move.first().click();
    const target = label.replace(/^Passer à « (.*) »$/, '$1');
    await page().locator(`tr[data-mandate="${id}"] .state`, { hasText: target }).waitFor();
  });
});

import { consoleUrlOf, openConsole, type ConsoleBrowser } from '../../support/browser';
import { seedDemoData } from '../../support/demo';
import { eventually } from '../../support/probe';
import { startSystem, type TestSystem } from '../../support/system';
import { firstOfNextMonth } from '../../support/business-calendar';

const SD_WORX = '5ec00000-0000-4000-8000-000000000002';
const MONTHLY_INVOICES_JOB = 'titres-services.monthly-invoices';

/**
 * The console as approved companies, voucher users and partners use it, in headless
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

  it('approved company: dashboard, corrects a contested prestation, validates one, requests a reimbursement, exports with its progress', async () => {
    await signInAs('Entreprise agréée titres-services');
    await page().getByRole('heading', { name: 'Titres-services — tableau de bord' }).waitFor();
    await page().getByText('Prestations en attente de votre validation').waitFor();
    const validate = page().getByRole('button', { name: 'Valider' });
    await validate.first().waitFor();
    await browser.screenshot('11-company-dashboard');
    await noSeriousViolations();

    // Parallel validation: the contested one is back with the company, to validate or correct.
    const contested = page()
      .locator('tr[data-prestation]', {
        has: page().locator('.company-side', { hasText: 'À valider ou corriger' }),
      })
      .first();
    const id = await contested.getAttribute('data-prestation');
    const row = page().locator(`tr[data-prestation="${id}"]`);
    await row.locator('.user-side', { hasText: 'Contestée' }).waitFor();
    await row.getByRole('button', { name: 'Corriger' }).click();
    const dialog = page().getByRole('dialog', { name: 'Corriger la prestation' });
    const hours = dialog.getByLabel('Heures');
    const newHours = (await hours.inputValue()) === '3' ? '4' : '3';
    // A refused correction is shown at its field and keeps what was typed.
    await hours.fill('13');
    await dialog.getByLabel('Motif de la correction').fill('Heures mal encodées');
    await dialog.getByRole('button', { name: 'Enregistrer la correction' }).click();
    await dialog.locator('.field-error', { hasText: 'TS_PRESTATION_HOURS_INVALID' }).waitFor();
    expect(await dialog.getByLabel('Motif de la correction').inputValue()).toBe('Heures mal encodées');
    await browser.screenshot('11b-company-correct');
    await noSeriousViolations();
    await hours.fill(newHours);
    await dialog.getByRole('button', { name: 'Enregistrer la correction' }).click();
    await dialog.waitFor({ state: 'detached' });
    await row.locator('.company-side', { hasText: 'Corrigée' }).waitFor();
    await row.locator('.user-side', { hasText: 'À confirmer à nouveau' }).waitFor();
    await row.locator('td.hours', { hasText: new RegExp(`^${newHours}$`) }).waitFor();

    // Validate: the prestation is no longer waiting for the company.
    const toValidate = page()
      .locator('tr[data-prestation]', { has: page().getByRole('button', { name: 'Valider' }) })
      .first();
    const validatedId = await toValidate.getAttribute('data-prestation');
    await toValidate.getByRole('button', { name: 'Valider' }).click();
    await page()
      .locator(`tr[data-prestation="${validatedId}"] .company-side`, { hasText: /^Validée$/ })
      .waitFor();

    // Reimbursement (remise) of the attributed vouchers not yet requested, even of a partial one.
    const tick = page()
      .getByRole('checkbox', { name: /^Rembourser la prestation du/ })
      .first();
    const tickedRow = page().locator('tr[data-prestation]', { has: tick }).first();
    const tickedId = await tickedRow.getAttribute('data-prestation');
    await tick.check();
    await page().getByRole('button', { name: 'Demander le remboursement' }).click();
    await page()
      .getByRole('status')
      .filter({ hasText: /^Remboursement demandé pour \d+ titre/ })
      .waitFor();
    await page()
      .locator(`tr[data-prestation="${tickedId}"] input[type="checkbox"]`)
      .waitFor({ state: 'detached' });
    await page().getByRole('heading', { name: 'Dernières remises' }).waitFor();

    // The export of the prestations, with its progress: done / total once the file is there.
    await page().getByRole('button', { name: 'Exporter les prestations' }).click();
    await page()
      .getByRole('status')
      .filter({ hasText: /^\d+ \/ \d+ prestations exportées\.$/ })
      .waitFor();
    await page().getByRole('progressbar', { name: "Progression de l'export" }).waitFor();
    const csv = page().getByRole('link', { name: 'Télécharger le fichier (CSV)' });
    const [download] = await Promise.all([page().waitForEvent('download'), csv.click()]);
    expect(download.suggestedFilename()).toBe('prestations.csv');
    await browser.screenshot('11c-company-export');
    await noSeriousViolations();
  });

  it('approved company: billing tab — invoice details and PDF, financial contact, direct debit', async () => {
    // The monthly job bills the remises of this month (the demo's and the one just requested).
    const run = await sys.services['titres-services'].scheduler.trigger(
      MONTHLY_INVOICES_JOB,
      firstOfNextMonth(new Date()),
    );
    expect(run).toMatchObject({ status: 'ran' });
    await page().getByRole('navigation', { name: 'Menu' }).getByRole('link', { name: 'Facturation' }).click();
    await page().getByRole('heading', { name: 'Facturation', level: 1 }).waitFor();
    const details = page().getByRole('button', { name: /^Détails de la facture / });
    await details.first().waitFor();
    await browser.screenshot('15-company-billing');
    await noSeriousViolations();

    await details.first().click();
    const invoice = page().getByRole('dialog', { name: /^Facture \d{4}-\d{2}-\d{6}$/ });
    await invoice
      .getByText(/^Frais de remise électronique \(\d+ titres\)$/)
      .first()
      .waitFor();
    await invoice.getByText('TVA (21 %)').waitFor();
    await invoice.getByText('Total TVAC').waitFor();
    await invoice.getByText('À payer').waitFor();
    await invoice.getByText('Virement').waitFor();
    const pdf = invoice.getByRole('link', { name: 'Télécharger la facture (PDF)' });
    const file = await page().request.get((await pdf.getAttribute('href'))!);
    expect(file.status()).toBe(200);
    expect(file.headers()['content-type']).toBe('application/pdf');
    await browser.screenshot('16-company-invoice');
    await noSeriousViolations();
    await invoice.getByRole('button', { name: 'Fermer' }).click();

    // Financial contact: a refused e-mail is shown at its field; then the change is saved.
    const contact = page().getByRole('region', { name: 'Personne de contact "financière"' });
    await contact.getByLabel('Nom').fill('Sophie Lambert');
    await contact.getByLabel('Adresse e-mail').fill('sophie.lambert@');
    await contact.getByRole('button', { name: 'Modifier les coordonnées' }).click();
    await contact.locator('.field-error', { hasText: 'TS_CONTACT_EMAIL_INVALID' }).waitFor();
    expect(await contact.getByLabel('Nom').inputValue()).toBe('Sophie Lambert');
    await contact.getByLabel('Adresse e-mail').fill('sophie.lambert@example.be');
    await contact.getByLabel('Téléphone').fill('02 547 54 93');
    await contact.getByRole('button', { name: 'Modifier les coordonnées' }).click();
    await contact.getByRole('status').filter({ hasText: 'sont modifiées' }).waitFor();
    await page().reload();
    await eventually(
      'the saved financial contact shows after a reload',
      async () => (await contact.getByLabel('Adresse e-mail').inputValue()) === 'sophie.lambert@example.be',
      30_000,
      200,
    );
    expect(await contact.getByLabel('Téléphone').inputValue()).toBe('+3225475493');

    // Direct debit (domiciliation): a wrong IBAN is refused at its field, a right one is requested.
    const debits = page().getByRole('region', { name: 'Domiciliations' });
    await debits.getByLabel('IBAN').fill('BE00 0000 0000 0000');
    await debits.getByLabel('Titulaire du compte').fill('Net & Net SRL');
    await debits.getByRole('button', { name: 'Demander une domiciliation' }).click();
    await debits.locator('.field-error', { hasText: 'TS_IBAN_INVALID' }).waitFor();
    await debits.getByLabel('IBAN').fill('BE68 5390 0754 7034');
    await debits.getByRole('button', { name: 'Demander une domiciliation' }).click();
    const requested = debits.locator('tr[data-direct-debit]', { hasText: 'BE68 5390 0754 7034' });
    await requested.locator('.state', { hasText: 'Demandée' }).waitFor();
    await browser.screenshot('17-company-direct-debit');
    await noSeriousViolations();
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

import { consoleUrlOf, openConsole, type ConsoleBrowser } from '../../support/browser';
import { eventually } from '../../support/probe';
import { seedDemoData } from '../../support/demo';
import { startSystem, type TestSystem } from '../../support/system';

/**
 * The console as office staff use it, in headless Chromium against the whole system (gateway serving
 * the built console, four subgraphs, Postgres, Kafka), on the demo data `npm start` seeds.
 */
describe('console: office workflows (clients, CODA, SODA, CARO, So bank)', () => {
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

  it('signs in as the demo office (dev route) and lands on Liste Clients', async () => {
    await page().goto('/');
    await expect(page().getByRole('heading', { name: 'Connexion' }).isVisible()).resolves.toBe(true);
    await browser.screenshot('01-sign-in');
    await noSeriousViolations();
    // The accessibility check finds what it should: a button without a name is a critical violation.
    await page().evaluate(
      `document.body.append(Object.assign(document.createElement('button'), { id: 'unnamed' }))`,
    );
    expect(await browser.seriousViolations()).toEqual([expect.stringMatching(/^button-name: .*#unnamed/)]);
    await page().evaluate(`document.getElementById('unnamed').remove()`);
    await page().getByRole('button', { name: 'Fiduciaire (office-demo-brussels)' }).click();
    await page().getByRole('heading', { name: 'Liste Clients' }).waitFor();
    await page().getByText('36 clients').waitFor();
    await browser.screenshot('02-clients');
    await noSeriousViolations();
  });

  it('searches and pages through the clients', async () => {
    await page().getByRole('button', { name: 'Page suivante' }).click();
    await expect(page().getByRole('button', { name: 'Page précédente' }).isEnabled()).resolves.toBe(true);
    await page().getByRole('button', { name: 'Page précédente' }).click();
    await page().getByRole('searchbox', { name: 'Rechercher' }).fill('Nettoyage Dumont');
    await page().getByRole('button', { name: 'Rechercher', exact: true }).click();
    await page().getByText('1 client', { exact: true }).waitFor();
    await page()
      .getByRole('link', { name: /Nettoyage Dumont/ })
      .waitFor();
  });

  it("adds a missing e-mail from the 'Adresse email manquante' results; a bad one is shown at its field", async () => {
    await page().getByRole('searchbox', { name: 'Rechercher' }).fill('');
    await page().getByRole('button', { name: 'Rechercher', exact: true }).click();
    await page().getByText('36 clients').waitFor();
    await page().getByLabel('Adresse email manquante').check();
    const missing = await sys.gql(officeToken, `{ clients(filter: { missingEmail: true }) { totalCount } }`);
    const total = missing.data.clients.totalCount as number;
    await page().getByText(`${total} clients`).waitFor();
    const inputs = page().getByRole('textbox', { name: /^Adresse e-mail — / });
    // The total can show before every filtered row is drawn (3 fields of 6, once, under load).
    await eventually('one e-mail field per client without one', async () => (await inputs.count()) === total);
    await browser.screenshot('03-missing-email');
    await noSeriousViolations();

    await inputs.first().fill('pas-une-adresse');
    await page().getByRole('button', { name: 'Enregistrer les adresses e-mail' }).click();
    await page().locator('.field-error', { hasText: 'CLIENT_EMAIL_INVALID' }).waitFor();
    // Nothing is lost on a refused save: the typed value is still there.
    await expect(inputs.first().inputValue()).resolves.toBe('pas-une-adresse');

    const label =
      (await inputs.first().evaluate((el: any) => el.labels?.[0]?.textContent as string | undefined)) ?? '';
    await inputs.first().fill('compta@exemple.be');
    await page().getByRole('button', { name: 'Enregistrer les adresses e-mail' }).click();
    await page().getByText('1 adresse e-mail enregistrée').waitFor();
    await page()
      .getByText(`${total - 1} client`, { exact: false })
      .waitFor();
    const res = await sys.gql(
      officeToken,
      `query($s: String) { clients(filter: { search: $s }) { edges { node { email } } } }`,
      {
        s: label.replace(/^Adresse e-mail — /, ''),
      },
    );
    expect(res.data.clients.edges.map((e: any) => e.node.email)).toContain('compta@exemple.be');
  });

  it('edits a client: locked fields, the client-code warning, then the pop-up of mandates to present again', async () => {
    // A client with an unsigned CODA mandate (the pop-up of mandates to present again).
    const coda = await sys.gql(
      officeToken,
      `{ codaMandates(first: 100) { edges { node { state client { companyName clientCode } } } } }`,
    );
    const target = coda.data.codaMandates.edges
      .map((e: any) => e.node)
      .find((m: any) => ['IN_PREPARATION', 'SENT_TO_CLIENT'].includes(m.state)).client;
    await page().getByLabel('Adresse email manquante').uncheck();
    await page().getByRole('searchbox', { name: 'Rechercher' }).fill(target.companyName);
    await page().getByRole('button', { name: 'Rechercher', exact: true }).click();
    await page().getByRole('link', { name: target.companyName }).click();
    await page().getByRole('heading', { name: target.companyName }).waitFor();
    await page().getByRole('button', { name: 'Editer' }).click();
    // The enterprise number is set: locked; the company name is editable.
    await expect(page().getByLabel("Numéro d'Entreprise").isDisabled()).resolves.toBe(true);
    await page().getByText("Le Numéro d'Entreprise ne peut plus être modifié.").waitFor();
    await expect(page().getByLabel("Nom de l'Entreprise").isEnabled()).resolves.toBe(true);

    // A refused save keeps what was typed and names the field.
    await page().getByLabel('Adresse e-mail').fill('faux@');
    await page().getByRole('button', { name: 'Sauvegarder' }).click();
    await page().locator('.field-error').first().waitFor();
    await expect(page().getByLabel('Adresse e-mail').inputValue()).resolves.toBe('faux@');
    await page().getByLabel('Adresse e-mail').fill('contact@exemple.be');

    await page().getByLabel('Code Client').fill(`${target.clientCode}X`);
    await page().getByText('Attention : modifier le Code Client').waitFor();
    await browser.screenshot('04-client-edit-warning');
    await noSeriousViolations();
    await page().getByRole('button', { name: 'Sauvegarder' }).click();
    await page().getByRole('button', { name: 'Sauvegarder quand même' }).click();
    const dialog = page().getByRole('dialog', { name: 'Mandats à présenter à nouveau au client' });
    await dialog.waitFor();
    await dialog.getByRole('button').first().waitFor();
    await browser.screenshot('05-present-again');
    await noSeriousViolations();
    await dialog.getByRole('button', { name: 'Fermer' }).click();
    await page().getByText('Les données du client sont sauvegardées.').waitFor();
    const saved = await sys.gql(
      officeToken,
      `query($s: String) { clients(filter: { search: $s }) { edges { node { clientCode email } } } }`,
      {
        s: target.companyName,
      },
    );
    expect(saved.data.clients.edges[0].node).toEqual({
      clientCode: `${target.clientCode}X`,
      email: 'contact@exemple.be',
    });
  });

  it('shows the company name locked while the enterprise number is empty', async () => {
    const list = await sys.gql(
      officeToken,
      `{ clients(first: 100) { edges { node { id companyName enterpriseNumber } } } }`,
    );
    const client = list.data.clients.edges.map((e: any) => e.node).find((c: any) => !c.enterpriseNumber);
    await page().goto(`/clients/${client.id}`);
    await page().getByRole('button', { name: 'Editer' }).click();
    await expect(page().getByLabel("Nom de l'Entreprise").isDisabled()).resolves.toBe(true);
    await page()
      .getByText("Ce champ n'est pas modifiable tant que le Numéro d'Entreprise n'a pas été introduit.")
      .waitFor();
    await expect(page().getByLabel("Numéro d'Entreprise").isEnabled()).resolves.toBe(true);
    await browser.screenshot('06-client-name-locked');
  });

  it('orders a SODA mandate with two secretariats ("Nouveau Mandat SODA"): the software refusal, Boost', async () => {
    const list = await sys.gql(
      officeToken,
      `{ clients(first: 100) { edges { node { id companyName enterpriseNumber sodaMandates { id } } } } }`,
    );
    const client = list.data.clients.edges
      .map((e: any) => e.node)
      .find((c: any) => c.enterpriseNumber && c.sodaMandates.length === 0);
    await page().getByRole('link', { name: 'Clients', exact: true }).click();
    await page().getByRole('searchbox', { name: 'Rechercher' }).fill(client.companyName);
    await page().getByRole('button', { name: 'Rechercher', exact: true }).click();
    await page().getByRole('link', { name: client.companyName }).waitFor();
    await page().getByRole('button', { name: 'Nouveau Mandat SODA' }).first().click();
    const form = page().getByRole('form', { name: 'Nouveau Mandat SODA' });
    await form.waitFor();
    await form.getByLabel('Secrétariat social').selectOption({ label: 'SD Worx' });
    // A software that cannot import SODA is refused, next to the field.
    await form.getByLabel('Logiciel comptable').selectOption({ label: 'Yuki' });
    await form.getByRole('button', { name: 'Sauvegarder le Mandat' }).click();
    await form.locator('.field-error', { hasText: 'SODA_SOFTWARE_CANNOT_IMPORT' }).waitFor();
    await form
      .getByRole('button', { name: 'SODA Boost : rechercher le secrétariat social du client' })
      .click();
    await form.getByRole('status').waitFor();
    await form.getByRole('button', { name: 'Ajouter un Secrétariat Social' }).click();
    await form.getByLabel('Secrétariat social 2').selectOption({ label: 'Securex' });
    await form.getByLabel('Logiciel comptable').selectOption({ label: 'Exact Online' });
    await form.getByRole('button', { name: 'Sauvegarder le Mandat' }).click();
    await expect(page().locator('tr[data-mandate]').nth(1).waitFor()).resolves.toBeUndefined();
    const rows = await page().locator('tr[data-mandate]').allInnerTexts();
    expect(rows.join('\n')).toMatch(/SD Worx/);
    expect(rows.join('\n')).toMatch(/Securex/);
    await browser.screenshot('07-soda');
    await noSeriousViolations();
  });

  it('lists CODA/SODA/CARO office-wide and changes a state on screen when the bank acts', async () => {
    await page().getByRole('link', { name: 'Mandats & services client' }).click();
    await page().getByRole('heading', { name: 'Mandats & services client' }).waitFor();
    const res = await sys.gql(
      officeToken,
      `{ codaMandates(first: 100) { edges { node { id state bank { id } } } } }`,
    );
    const mandate = res.data.codaMandates.edges
      .map((e: any) => e.node)
      .find((m: any) => m.state === 'BANK_PROCEDURE');
    const row = page().locator(`tr[data-mandate="${mandate.id}"]`);
    await row.locator('.state', { hasText: 'Procédure bancaire' }).waitFor();
    await browser.screenshot('08-mandates');
    await noSeriousViolations();
    const bank = await sys.token({ kind: 'partner', partnerType: 'BANK', partnerId: mandate.bank.id });
    const moved = await sys.gql(
      bank,
      `mutation($input: ChangeCodaMandateStateInput!) { changeCodaMandateState(input: $input) { codaMandate { state } } }`,
      { input: { codaMandateId: mandate.id, state: 'ACTIVE' } },
    );
    expect(moved.data.changeCodaMandateState.codaMandate.state).toBe('ACTIVE');
    // No reload: the subscription brings it.
    await row.locator('.state', { hasText: 'Actif' }).waitFor({ timeout: 60_000 });
    await page().getByRole('tab', { name: 'CARO' }).click();
    await page().getByText('Problème CARO : résolutions').first().click();
    await page().getByRole('button', { name: 'Annuler la commande' }).first().waitFor();
    await page()
      .getByRole('button', { name: 'Corriger l’e-mail / le mobile du titulaire' })
      .first()
      .waitFor();
    await page().getByRole('button', { name: 'Recréer avec la bonne référence' }).first().click();
    await page().locator('.field-error').first().waitFor();
    await browser.screenshot('09-caro-problem');
    await noSeriousViolations();
  });

  it('So bank "Mes connecteurs": adds, validates, associates with tick-boxes, from the client\'s record and "tout associer" with its progress, disassociates, deletes', async () => {
    await page().getByRole('link', { name: 'Mes connecteurs' }).click();
    await page().getByRole('heading', { name: 'Mes connecteurs' }).waitFor();
    await page().getByRole('button', { name: 'Supprimer' }).first().waitFor();
    const rows = page().locator('main table').first().locator('tbody tr');
    const before = await rows.count();
    await page().getByLabel('Logiciel comptable').selectOption({ label: 'Horus' });
    await page().getByRole('button', { name: 'Ajouter un connecteur' }).click();
    const horus = rows.filter({ hasText: 'Horus' });
    await horus.getByRole('button', { name: 'Valider' }).click();
    await horus.getByText('Actif').waitFor();
    await expect(rows.count()).resolves.toBe(before + 1);

    // A client without connector: tick it, associate it with Horus.
    const clients = page().locator('main table').nth(1).locator('tr');
    const free = clients.filter({ hasText: '—' }).first();
    const name = (await free.locator('td').nth(1).innerText()).trim();
    await page().getByLabel('Connecteur', { exact: true }).selectOption({ label: 'Horus' });
    await page()
      .getByRole('checkbox', { name: `Sélectionner ${name}` })
      .check();
    await page().getByRole('button', { name: 'Associer les clients cochés' }).click();
    const row = clients.filter({ hasText: name });
    await row.getByText('Horus').waitFor();
    // The long action's progress says what is known: done / total once the API answered.
    await page().getByRole('status').filter({ hasText: '1 / 1 client associé.' }).waitFor();
    await page().getByRole('progressbar', { name: 'Progression' }).waitFor();
    await browser.screenshot('10-connectors');
    await noSeriousViolations();
    await row.getByRole('button', { name: 'Dissocier' }).click();
    await row.getByText('—').waitFor();

    // The same client associated from its own record ("Associer un seul dossier"), then disassociated there.
    await page().getByRole('link', { name: 'Clients', exact: true }).click();
    await page().getByRole('searchbox', { name: 'Rechercher' }).fill(name);
    await page().getByRole('button', { name: 'Rechercher', exact: true }).click();
    await page().getByRole('link', { name, exact: true }).click();
    await page().getByRole('heading', { name, exact: true }).waitFor();
    await page().getByRole('tab', { name: 'So bank' }).click();
    const record = page().getByRole('region', { name: 'So bank' });
    await record.getByText("Ce client n'est associé à aucun connecteur").waitFor();
    await record.getByLabel('Connecteur', { exact: true }).selectOption({ label: 'Horus' });
    await record.getByRole('button', { name: 'Associer ce client' }).click();
    await record.getByText(/^Associé au connecteur Horus depuis le /).waitFor();
    await browser.screenshot('10b-client-connector');
    await noSeriousViolations();
    await record.getByRole('button', { name: 'Dissocier' }).click();
    await record.getByText("Ce client n'est associé à aucun connecteur").waitFor();

    // "tout associer": every client not yet associated, with the count done / total.
    await page().getByRole('link', { name: 'Mes connecteurs' }).click();
    await row.getByText('—').waitFor();
    const free2 = await clients.filter({ hasText: '—' }).count();
    await horus.getByRole('button', { name: 'tout associer' }).click();
    await page()
      .getByRole('status')
      .filter({ hasText: `${free2} / ${free2} client${free2 > 1 ? 's' : ''} associé` })
      .waitFor();
    await eventually(
      'every client is associated',
      async () => (await clients.filter({ hasText: '—' }).count()) === 0,
      30_000,
    );
    await browser.screenshot('10c-associate-all');
    await noSeriousViolations();
    await horus.getByRole('button', { name: 'Supprimer' }).click();
    await eventually(
      'the connector is gone',
      async () => (await rows.filter({ hasText: 'Horus' }).count()) === 0,
      30_000,
    );
  });
});

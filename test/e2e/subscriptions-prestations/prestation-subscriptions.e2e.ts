import { sharedSystem, newOffice, type TestSystem } from '../../support/system';
import { eventually } from '../../support/probe';
import { act, encode, setUpCompany, type CompanySetup } from '../titres-services-payment/titres-fixtures';
import { subscribe, type TestSubscriber } from '../subscriptions-support/subscriber';

const CHANGED = `subscription { prestationChanged { prestationId companyId voucherUserId oldState newState action prestation { id state } } }`;
const AWAITING = `subscription { prestationAwaitingConfirmation { prestationId newState action prestation { id state awaitingUserConfirmation } } }`;

/**
 * Titres-services subscriptions: a company follows its prestations, a voucher user receives those
 * waiting for its confirmation, with the prestation resolved through the supergraph; another company
 * and its user receive nothing.
 */
describe('subscriptions: prestations', () => {
  let sys: TestSystem;
  let c: CompanySetup;
  let d: CompanySetup;
  const subscribers: TestSubscriber[] = [];
  const open = (token: string, query: string) => {
    const s = subscribe(sys.gatewayUrl, token, query);
    subscribers.push(s);
    return s;
  };

  beforeAll(async () => {
    sys = await sharedSystem();
    // The federation is the worker's: the count below starts from the subscribers earlier files closed.
    await eventually('no subscriber left', async () => sys.gateway.subscriptions.listenerCount() === 0);
    const office = await sys.token(newOffice());
    c = await setUpCompany(sys, office);
    d = await setUpCompany(sys, office);
  }, 120_000);
  afterAll(async () => {
    await Promise.all(subscribers.map((s) => s.dispose()));
    await eventually('its subscribers gone', async () => sys.gateway.subscriptions.listenerCount() === 0);
  });

  it('company and voucher user follow their prestations; another company and user see nothing', async () => {
    const company = open(c.companyToken, CHANGED);
    const user = open(c.userToken, AWAITING);
    const userChanges = open(c.userToken, CHANGED);
    const otherCompany = open(d.companyToken, CHANGED);
    const otherUser = open(d.userToken, AWAITING);
    await eventually('5 subscribers registered', async () => sys.gateway.subscriptions.listenerCount() === 5);

    const first = await encode(sys, c, 2);
    const encoded = await company.next((r) => r.data?.prestationChanged.prestationId === first.id);
    expect(encoded.errors).toBeUndefined();
    expect(encoded.data.prestationChanged).toMatchObject({
      companyId: c.companyId,
      voucherUserId: c.voucherUserId,
      oldState: null,
      newState: 'ENCODED',
      prestation: { id: first.id },
    });
    const waiting = await user.next((r) => r.data?.prestationAwaitingConfirmation.prestationId === first.id);
    expect(waiting.data.prestationAwaitingConfirmation).toMatchObject({
      newState: 'ENCODED',
      prestation: { id: first.id, awaitingUserConfirmation: true },
    });

    // The user confirms: the company sees it; it no longer awaits the user, so "awaiting" stays quiet.
    expect(
      (await act(sys, c.userToken, 'confirmPrestation', { prestationId: first.id })).errors,
    ).toBeUndefined();
    await company.next((r) => r.data?.prestationChanged.newState === 'CONFIRMED');
    await userChanges.next((r) => r.data?.prestationChanged.newState === 'CONFIRMED');

    // A second prestation validated by the company first: the user is asked again (VALIDATED).
    const second = await encode(sys, c, 1);
    expect(
      (await act(sys, c.companyToken, 'validatePrestation', { prestationId: second.id })).errors,
    ).toBeUndefined();
    const validated = await user.next((r) => r.data?.prestationAwaitingConfirmation.newState === 'VALIDATED');
    expect(validated.data.prestationAwaitingConfirmation).toMatchObject({
      prestationId: second.id,
      action: 'VALIDATE',
      prestation: { state: 'VALIDATED', awaitingUserConfirmation: true },
    });
    expect(user.received.map((r) => r.data?.prestationAwaitingConfirmation.newState)).toEqual([
      'ENCODED',
      'ENCODED',
      'VALIDATED',
    ]);

    expect(otherCompany.received).toEqual([]);
    expect(otherUser.received).toEqual([]);
  });

  it('an office or a partner cannot follow prestations', async () => {
    const office = open(await sys.token(newOffice()), CHANGED);
    const bank = open(
      await sys.token({ kind: 'partner', partnerType: 'BANK', partnerId: crypto.randomUUID() }),
      AWAITING,
    );
    for (const s of [office, bank])
      expect((await s.next((r) => !!r.errors)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});

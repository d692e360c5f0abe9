import { CodaMandateDocumentRegeneratedSchema, isEvent } from '@fidu/proto-events';
import { onClientEvent, pdfTextLines } from '@fidu/mandates/testing';
import { handleOnce, type EventBus } from '@fidu/service-kit';
import { UPDATE_CLIENT } from '../../support/fixtures';
import { eventually } from '../../support/probe';
import { startSystem, newOffice, type TestSystem } from '../../support/system';
import {
  BANK_MOVE,
  BANKS,
  ORDER_CODA,
  bankPartner,
  belgianIban,
  createKnownClient,
  mandatesEvents,
  ok,
} from '../mandates-support/mandates-helpers';

const TO_PRESENT_AGAIN = `{ codaMandates(filter: { toBePresentedAgain: true }) { totalCount edges { node { id state documentVersion toBePresentedAgain availableActions client { id companyName } } } } }`;
const MANDATE = `query($id: ID!) { codaMandate(id: $id) { id state documentVersion toBePresentedAgain history { fromState toState reason actor } } }`;
const DOWNLOAD = `mutation($id: ID!) { downloadCodaMandateDocument(input: { codaMandateId: $id }) { codaMandate { toBePresentedAgain } document { contentBase64 documentVersion } } }`;
const SET_MODE = `mutation { setMandateManagementMode(input: { mode: OFFICE }) { settings { mode } } }`;

/**
 * When a client's data change, its unsigned mandates whose document shows the old data
 * are regenerated and flagged to be presented again, with the actions the office may take;
 * signed and later mandates are untouched; redelivery has no second effect.
 */
describe('mandates: client data change re-presents only unsigned mandates', () => {
  let sys: TestSystem;
  let office: string;
  let bus: EventBus;

  beforeAll(async () => {
    sys = await startSystem();
    office = await sys.token(newOffice());
    bus = sys.eventBus('e2e-mandates-replay');
  }, 120_000);
  afterAll(async () => {
    await bus?.close();
    await sys?.stop();
  });

  it('regenerates the unsigned ones, leaves signed and later ones, lists them with their actions, once', async () => {
    const client = await createKnownClient(sys, office, 7);
    const order = async (bankId: string, seed: number) =>
      ok(
        await sys.gql(office, ORDER_CODA, {
          input: { clientId: client.id, bankId, ibans: [belgianIban(seed)] },
        }),
      ).orderCoda.codaMandate.id as string;
    const inPreparation = await order(BANKS.argenta, 101);
    const availableOnline = await order(BANKS.bnp, 102);
    const signed = await order(BANKS.kbc, 103);
    const inTreatment = await order(BANKS.kbc, 104);
    ok(
      await sys.gql(await sys.token(bankPartner(BANKS.bnp)), BANK_MOVE, {
        input: { codaMandateId: availableOnline, state: 'AVAILABLE_ONLINE' },
      }),
    );
    const kbc = await sys.token(bankPartner(BANKS.kbc));
    ok(await sys.gql(kbc, BANK_MOVE, { input: { codaMandateId: signed, state: 'AVAILABLE_ONLINE' } }));
    ok(await sys.gql(kbc, BANK_MOVE, { input: { codaMandateId: signed, state: 'SIGNED' } }));

    // An e-mail change is not printed on the document: nothing to present again.
    ok(
      await sys.gql(office, UPDATE_CLIENT, {
        input: { id: client.id, expectedVersion: 1, email: 'other@example.be' },
      }),
    );
    await eventually(
      'mandates applied the e-mail change',
      async () =>
        (
          await sys.services.mandates.dataSource.query(
            `SELECT version FROM client_directory WHERE client_id = $1`,
            [client.id],
          )
        )[0]?.version === 2,
    );
    expect(ok(await sys.gql(office, TO_PRESENT_AGAIN)).codaMandates.totalCount).toBe(0);

    ok(
      await sys.gql(office, UPDATE_CLIENT, {
        input: {
          id: client.id,
          expectedVersion: 2,
          companyName: 'Client 0007 & Fils SRL',
          address: { street: 'Avenue Louise 5', postalCode: '1050', city: 'Ixelles', country: 'BE' },
        },
      }),
    );
    const listed = await eventually('the unsigned mandates are flagged', async () => {
      const page = ok(await sys.gql(office, TO_PRESENT_AGAIN)).codaMandates;
      return page.totalCount === 2 ? page : undefined;
    });
    expect(
      listed.edges
        .map((e: any) => e.node)
        .map((n: any) => n.id)
        .sort(),
    ).toEqual([inPreparation, availableOnline].sort());
    const byId = Object.fromEntries(listed.edges.map((e: any) => e.node).map((n: any) => [n.id, n]));
    expect(byId[inPreparation]).toMatchObject({
      state: 'IN_PREPARATION',
      documentVersion: 2,
      availableActions: ['SIGN_ELECTRONICALLY', 'ARCHIVE', 'RESEND_TO_CLIENT'],
    });
    expect(byId[inPreparation].client).toEqual({ id: client.id, companyName: 'Client 0007 & Fils SRL' });
    expect(byId[availableOnline]).toMatchObject({
      state: 'AVAILABLE_ONLINE',
      documentVersion: 2,
      availableActions: ['ARCHIVE', 'RESEND_TO_CLIENT'],
    });

    // Signed, and not-yet-unsigned (in treatment), mandates are untouched.
    for (const id of [signed, inTreatment]) {
      const m = ok(await sys.gql(office, MANDATE, { id })).codaMandate;
      expect(m).toMatchObject({ documentVersion: 1, toBePresentedAgain: false });
    }
    const prepared = ok(await sys.gql(office, MANDATE, { id: inPreparation })).codaMandate;
    expect(prepared.history.at(-1)).toMatchObject({
      fromState: 'IN_PREPARATION',
      toState: 'IN_PREPARATION',
      actor: 'system',
      reason:
        'Document regenerated (client data changed: companyName, street, postalCode, city); to be presented again',
    });
    const [regenerated] = (await mandatesEvents(sys, inPreparation)).filter((e) =>
      isEvent(e, CodaMandateDocumentRegeneratedSchema),
    );
    if (!regenerated || !isEvent(regenerated, CodaMandateDocumentRegeneratedSchema))
      throw new Error('no CodaMandateDocumentRegenerated');
    expect(regenerated.payload).toMatchObject({
      documentVersion: 2,
      clientVersion: 3,
      changedFields: ['companyName', 'street', 'postalCode', 'city'],
    });

    // Redelivery: the same ClientUpdated through the inbox again, and the reaction run again.
    const [row] = await sys.services.clients.dataSource.query(
      `SELECT id, payload, topic, message_key, headers FROM outbox WHERE message_key = $1 AND event_type = 'fidu.clients.v1.ClientUpdated' ORDER BY created_at DESC LIMIT 1`,
      [client.id],
    );
    await bus.publish([{ topic: row.topic, key: row.message_key, value: row.payload, headers: row.headers }]);
    const handledAgain = await handleOnce(
      {
        dataSource: sys.services.mandates.dataSource,
        groupId: `${sys.services.mandates.config.kafkaGroupId}-replay`,
        handle: onClientEvent,
      },
      { value: row.payload },
    );
    expect(handledAgain).toBe(true); // a new consumer name: the inbox lets it through, the handler itself must be harmless
    // The redelivered message reaches the running consumer too; wait until it has been consumed.
    await eventually('mandates consumed the redelivered ClientUpdated', async () =>
      (await bus.consumerLag(sys.services.mandates.config.kafkaGroupId, [row.topic])).every(
        (p) => p.lag === 0,
      ),
    );
    const after = ok(await sys.gql(office, TO_PRESENT_AGAIN)).codaMandates;
    expect(after.edges.map((e: any) => e.node).map((n: any) => n.documentVersion)).toEqual([2, 2]);
    expect(
      (await mandatesEvents(sys, inPreparation)).filter((e) =>
        isEvent(e, CodaMandateDocumentRegeneratedSchema),
      ),
    ).toHaveLength(1);

    // The office takes an action: the document shows the new data and the flag is answered.
    ok(await sys.gql(office, SET_MODE));
    const { downloadCodaMandateDocument: d } = ok(await sys.gql(office, DOWNLOAD, { id: inPreparation }));
    expect(d.codaMandate.toBePresentedAgain).toBe(false);
    expect(d.document.documentVersion).toBe(2);
    const printed = pdfTextLines(Buffer.from(d.document.contentBase64, 'base64')).join('\n');
    expect(printed).toContain('Client 0007 & Fils SRL');
    expect(printed).toContain('Avenue Louise 5, 1050 Ixelles, BE');
    expect(
      ok(await sys.gql(office, TO_PRESENT_AGAIN))
        .codaMandates.edges.map((e: any) => e.node)
        .map((n: any) => n.id),
    ).toEqual([availableOnline]);
  });
});

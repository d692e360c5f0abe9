import { DEMO_OFFICE_ID, seedClients, seedDemo } from '@fidu/infra';
import { eventually } from './probe';
import { newOffice, type TestSystem } from './system';

/**
 * The demo data `npm start` seeds, on a test system. The seeders wait a bounded time for the other
 * services to hear of the demo clients; on a loaded machine that may not be enough, so this waits
 * (generously) until the mandates service knows every client before the other domains are seeded.
 */
export async function seedDemoData(sys: TestSystem): Promise<string> {
  const officeToken = await sys.token({ ...newOffice(), officeId: DEMO_OFFICE_ID });
  await seedClients(sys.gatewayUrl, officeToken);
  await eventually(
    'the mandates service knows every demo client',
    async () => {
      const res = await sys.gql(
        officeToken,
        `{ clients(first: 100) { edges { node { mandateProfile { version } } } } }`,
      );
      if (res.errors?.length) throw new Error(res.errors.map((e) => e.message).join('; '));
      const edges = res.data?.clients.edges ?? [];
      return edges.length > 0 && edges.every((e: any) => e.node.mandateProfile);
    },
    300_000,
    500,
  );
  await seedDemo({ url: sys.gatewayUrl, officeToken, token: (p) => sys.token(p) });
  return officeToken;
}

import { CREATE_CLIENT, clientInput } from '../../support/fixtures';
import { eventually } from '../../support/probe';
import type { TestSystem } from '../../support/system';

/**
 * Creates one client and waits, with a generous deadline, until every subgraph's fresh consumer
 * group has joined and learned it: on a loaded machine the first join can take far longer than the
 * per-step waits of the helpers that follow.
 */
export async function untilConsumersJoined(sys: TestSystem, officeToken: string): Promise<void> {
  const res = await sys.gql(officeToken, CREATE_CLIENT, {
    input: clientInput(Math.floor(Math.random() * 90_000), { enterpriseNumber: null }),
  });
  if (res.errors) throw new Error(JSON.stringify(res.errors));
  const id = res.data.createClient.client.id as string;
  for (const name of ['mandates', 'connectors', 'titres-services'] as const)
    await eventually(
      `${name} consumes client events`,
      async () =>
        (
          await sys.services[name].dataSource.query(`SELECT 1 FROM client_directory WHERE client_id = $1`, [
            id,
          ])
        ).length === 1,
      120_000,
    );
}

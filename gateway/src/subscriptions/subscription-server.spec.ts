import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { createLogger } from '@fidu/service-kit';
import { createGateway, type GatewayApp } from '../app';
import { mintToken } from '@fidu/service-kit/bearer-token';
import { readConfig } from '../config';

/** Connects once and resolves with how the server closed the connection. */
function closeOf(
  url: string,
  connectionParams: Record<string, unknown>,
): Promise<{ code: number; reason: string }> {
  return new Promise((resolve) => {
    const client = createClient({
      url,
      webSocketImpl: WebSocket,
      connectionParams,
      retryAttempts: 0,
      lazy: false,
      onNonLazyError: () => undefined,
      on: {
        closed: (event) =>
          resolve({
            code: (event as { code: number }).code,
            reason: String((event as { reason: string }).reason),
          }),
      },
    });
    client.on('closed', () => void client.dispose());
  });
}

describe('subscription endpoint without Kafka', () => {
  let gateway: GatewayApp;
  let url: string;

  beforeAll(async () => {
    const base = readConfig({ NODE_ENV: 'test' });
    gateway = await createGateway(
      { ...base, port: 0, subscriptions: { ...base.subscriptions, kafkaBrokers: [] } },
      createLogger('test', 'silent'),
    );
    url = (await gateway.listen(0)).replace(/^http/, 'ws');
  });
  afterAll(() => gateway?.stop());

  it('serves HTTP, and refuses WebSocket connections with a reason instead of failing to start', async () => {
    const token = await mintToken(
      { kind: 'office', officeId: 'o1', userId: 'u1', roles: [] },
      readConfig({}).jwtSecret,
    );
    expect(await closeOf(url, { authorization: `Bearer ${token}` })).toEqual({
      code: 4503,
      reason: 'Subscriptions are not configured on this gateway.',
    });
    expect(gateway.subscriptions.state()).toBe('disabled');
    const health = await fetch(url.replace(/^ws/, 'http').replace('/graphql', '/health/ready'));
    // Its readiness otherwise comes from subgraphs this spec does not start (see src/readiness.ts).
    expect(await health.json()).toMatchObject({ subscriptions: 'disabled' });
  });
});

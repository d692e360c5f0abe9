import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLogger } from '@fidu/service-kit';
import { createGateway, type GatewayApp } from './app';
import { readConfig } from './config';

/** A built console in miniature: index.html and one hashed asset. */
function fakeConsole(): string {
  const dir = mkdtempSync(join(tmpdir(), 'console-'));
  mkdirSync(join(dir, 'assets'));
  writeFileSync(join(dir, 'index.html'), '<!doctype html><title>console</title>');
  writeFileSync(join(dir, 'assets', 'index-AbC123.js'), 'console.info(1)');
  return dir;
}

async function gatewayWith(
  env: NodeJS.ProcessEnv,
  consoleDir: string,
): Promise<{ gateway: GatewayApp; base: string }> {
  const config = readConfig(env);
  const gateway = await createGateway(
    { ...config, port: 0, consoleDir, subscriptions: { ...config.subscriptions, kafkaBrokers: [] } },
    createLogger('test', 'silent'),
  );
  return { gateway, base: (await gateway.listen(0)).replace(/\/graphql$/, '') };
}

describe('gateway: the web console, CORS and the dev sign-in', () => {
  const dir = fakeConsole();
  let dev: { gateway: GatewayApp; base: string };
  let prod: { gateway: GatewayApp; base: string };

  beforeAll(async () => {
    dev = await gatewayWith(
      { NODE_ENV: 'test', CORS_ORIGINS: 'https://front.example, http://localhost:5173' },
      dir,
    );
    prod = await gatewayWith(
      {
        NODE_ENV: 'production',
        JWT_SECRET: 'prod-jwt-secret-0123456789',
        GATEWAY_SIGNING_SECRET: 'prod-signing-secret-0123456789',
      },
      dir,
    );
  });
  afterAll(async () => {
    await dev?.gateway.stop();
    await prod?.gateway.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('serves the console at / (no-cache), hashed assets immutable, and index.html for console paths', async () => {
    const index = await fetch(`${dev.base}/`, { headers: { accept: 'text/html' } });
    expect(index.status).toBe(200);
    expect(index.headers.get('cache-control')).toBe('no-cache');
    expect(await index.text()).toContain('<title>console</title>');
    const asset = await fetch(`${dev.base}/assets/index-AbC123.js`);
    expect(asset.status).toBe(200);
    expect(asset.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    const deep = await fetch(`${dev.base}/clients/123`, { headers: { accept: 'text/html' } });
    expect(deep.status).toBe(200);
    expect(await deep.text()).toContain('<title>console</title>');
    expect((await fetch(`${dev.base}/assets/missing.js`)).status).toBe(404);
  });

  it('leaves /graphql and /files to the API', async () => {
    const graphql = await fetch(`${dev.base}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ __typename }' }),
    });
    expect(((await graphql.json()) as { data: unknown }).data).toEqual({ __typename: 'Query' });
    const files = await fetch(`${dev.base}/files/connectors/nothing`, { headers: { accept: 'text/html' } });
    expect(await files.text()).not.toContain('<title>console</title>');
  });

  it('answers preflights 204 and allows only the listed origins', async () => {
    const preflight = (origin: string) =>
      fetch(`${dev.base}/graphql`, {
        method: 'OPTIONS',
        headers: {
          origin,
          'access-control-request-method': 'POST',
          'access-control-request-headers': 'authorization, content-type',
        },
      });
    const allowed = await preflight('https://front.example');
    expect(allowed.status).toBe(204);
    expect(allowed.headers.get('access-control-allow-origin')).toBe('https://front.example');
    expect(allowed.headers.get('access-control-allow-headers')).toContain('authorization');
    const other = await preflight('https://evil.example');
    expect(other.status).toBe(204);
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
    const post = await fetch(`${dev.base}/graphql`, {
      method: 'POST',
      headers: { origin: 'http://localhost:5173', 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ __typename }' }),
    });
    expect(post.headers.get('access-control-allow-origin')).toBe('http://localhost:5173');
  });

  it('lists the demo principals and mints a token in dev; production has no such route', async () => {
    const list = await fetch(`${dev.base}/dev/principals`);
    expect(await list.json()).toEqual({
      principals: ['office', 'company', 'voucher_user', 'secretariat', 'bank', 'operator'],
    });
    const signIn = await fetch(`${dev.base}/dev/sign-in`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ kind: 'bank' }),
    });
    const body = (await signIn.json()) as { token: string; principal: unknown };
    expect(body.principal).toEqual({
      kind: 'partner',
      partnerType: 'BANK',
      partnerId: 'ba000000-0000-4000-8000-000000000002',
    });
    expect(body.token.split('.')).toHaveLength(3);
    const bad = await fetch(`${dev.base}/dev/sign-in`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ kind: 'root' }),
    });
    expect(bad.status).toBe(400);

    for (const path of ['/dev/principals', '/dev/sign-in']) {
      const res = await fetch(`${prod.base}${path}`, {
        method: path.endsWith('sign-in') ? 'POST' : 'GET',
        headers: { 'content-type': 'application/json', accept: 'text/html' },
        body: path.endsWith('sign-in') ? JSON.stringify({ kind: 'office' }) : undefined,
      });
      expect(res.status).toBe(404);
    }
    // Production allows no other origin unless CORS_ORIGINS lists it.
    const preflight = await fetch(`${prod.base}/graphql`, {
      method: 'OPTIONS',
      headers: { origin: 'http://localhost:5173', 'access-control-request-method': 'POST' },
    });
    expect(preflight.headers.get('access-control-allow-origin')).toBeNull();
  });
});

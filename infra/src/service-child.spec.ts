import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { launchService, listeningPort, waitServiceReady, type ServiceChild } from './service-child';

// Small real child processes that speak the runMain protocol (or fail to), instead of whole services.
const dir = mkdtempSync(path.join(tmpdir(), 'service-child-spec-'));
const script = (name: string, source: string) => {
  const file = path.join(dir, `${name}.js`);
  writeFileSync(file, source);
  return file;
};
/** Listens on a free port, answers /health/* with its name and pid, reports the port over IPC. */
const healthyService = script(
  'healthy',
  `const server = require('node:http').createServer((req, res) => {
     res.setHeader('content-type', 'application/json');
     res.end(JSON.stringify({ status: 'ready', service: 'clients', pid: process.pid }));
   });
   server.listen(0, '127.0.0.1', () => {
     const port = server.address().port;
     process.send({ kind: 'listening', service: 'clients', pid: process.pid, port, url: 'http://127.0.0.1:' + port + '/graphql' });
   });
   process.on('disconnect', () => process.exit(0));`,
);
/** Reports its listen failure the way runMain does, then exits. */
const failingService = script(
  'failing',
  `process.send({ kind: 'failed', service: 'gateway', pid: process.pid,
     error: 'Error: listen EADDRINUSE: address already in use 127.0.0.1:4000' }, () => process.exit(1));`,
);
/** Never listens (a service still migrating, say). */
const silentService = script(
  'silent',
  `setInterval(() => {}, 1000); process.on('disconnect', () => process.exit(0));`,
);

describe('launcher children (real processes)', () => {
  const children: ServiceChild[] = [];
  const launch = (name: string, file: string) => {
    const child = launchService({ name, script: file, cwd: dir, logDir: dir, env: {} });
    children.push(child);
    return child;
  };
  let intruder: http.Server;

  beforeAll(async () => {
    // Another process answering 200 on /health/*, even with the same service name.
    intruder = http.createServer((_req, res) => {
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ status: 'ready', service: 'clients' }));
    });
    await new Promise<void>((r) => intruder.listen(0, '127.0.0.1', () => r()));
  });
  afterAll(async () => {
    for (const { process: child } of children) if (child.exitCode === null) child.kill('SIGKILL');
    await new Promise((r) => intruder.close(r));
    rmSync(dir, { recursive: true, force: true });
  });

  it('takes the port the child reports and its own readiness answer', async () => {
    const child = launch('clients', healthyService);
    const { port, url } = await listeningPort(child, 30_000);
    expect(url).toBe(`http://127.0.0.1:${port}/graphql`);
    await expect(waitServiceReady(child, `http://127.0.0.1:${port}`, 30_000)).resolves.toBeUndefined();
  });

  it('fails at once when another process answers the readiness check, never "ready"', async () => {
    const child = launch('clients', silentService);
    const { port } = intruder.address() as AddressInfo;
    const started = Date.now();
    await expect(waitServiceReady(child, `http://127.0.0.1:${port}`, 60_000)).rejects.toThrow(
      `http://127.0.0.1:${port} is answered by another process`,
    );
    expect(Date.now() - started).toBeLessThan(30_000);
  });

  it("fails with the child's own reason when it cannot listen (e.g. the gateway's port was taken)", async () => {
    const child = launch('gateway', failingService);
    await expect(listeningPort(child, 30_000)).rejects.toThrow(
      /gateway could not start: Error: listen EADDRINUSE: address already in use 127\.0\.0\.1:4000; see .*gateway\.log/,
    );
  });

  it('fails clearly when the child never reports a port before the deadline', async () => {
    const child = launch('mandates', silentService);
    await expect(listeningPort(child, 1_500)).rejects.toThrow(/mandates did not listen within 1\.5 s/);
  });
});

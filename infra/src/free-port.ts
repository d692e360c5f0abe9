import { createServer, type Server } from 'node:net';

/**
 * A TCP port that is free on 127.0.0.1 right now. The OS picks it (port 0); there is a small window
 * before the caller binds it, acceptable for local dev/test servers.
 */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.once('error', reject);
    server.listen({ host: '127.0.0.1', port: 0, exclusive: true }, () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => (port ? resolve(port) : reject(new Error('no port assigned'))));
    });
  });
}

/** A loopback port held open until `release()`, so that no other process can take it meanwhile. */
export interface ReservedPort {
  port: number;
  release(): Promise<void>;
}

/** Holds `preferred` on 127.0.0.1 if it is free, else a free port the OS picks (also for 0). */
export async function reservePort(preferred: number): Promise<ReservedPort> {
  const hold = (port: number) =>
    new Promise<Server>((resolve, reject) => {
      const server = createServer();
      server.unref();
      server.once('error', reject);
      server.listen({ host: '127.0.0.1', port, exclusive: true }, () => resolve(server));
    });
  const server = await hold(preferred).catch(() => hold(0));
  const address = server.address();
  return {
    port: typeof address === 'object' && address ? address.port : 0,
    release: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

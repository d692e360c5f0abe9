import { createServer } from 'node:net';

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

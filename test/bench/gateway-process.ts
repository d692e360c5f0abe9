/**
 * The gateway under benchmark, in its own process so its memory is measured alone. Started by
 * gateway-subscribers.bench.ts with `fork`; reports `process.memoryUsage()` and subscription counters on request.
 */
import { createLogger } from '@fidu/service-kit';
import { createGateway, readConfig } from '@fidu/gateway';

async function main(): Promise<void> {
  const gateway = await createGateway(readConfig(), createLogger('gateway', process.env.LOG_LEVEL ?? 'warn'));
  const url = await gateway.listen(0);
  process.send?.({ type: 'ready', url });
  process.on('message', (message: string) => {
    if (message === 'stats' || message === 'stats-after-gc') {
      // A full collection only where asked (idle, after disconnect): while sampling it would be the load.
      if (message === 'stats-after-gc') (global as { gc?: () => void }).gc?.();
      process.send?.({
        type: 'stats',
        memory: process.memoryUsage(),
        listeners: gateway.subscriptions.listenerCount(),
        connections: gateway.subscriptions.connectionCount(),
        supergraphOperations: gateway.subscriptions.supergraphOperations(),
      });
    }
    if (message === 'stop') void gateway.stop().then(() => process.exit(0));
  });
}

main().catch((error: unknown) => {
  process.stderr.write(`${String(error)}\n`);
  process.exit(1);
});

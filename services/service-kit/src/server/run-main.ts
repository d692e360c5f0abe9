import type { RunningService } from './start-service';
import { createLogger } from '../logger';

/**
 * The only side-effecting entry point of a service: start, listen, and stop cleanly on
 * SIGTERM/SIGINT (drain HTTP, stop consumers and relay, close the database).
 */
export function runMain(start: () => Promise<RunningService>): void {
  const boot = createLogger('main');
  start()
    .then(async (service) => {
      const url = await service.listen();
      service.log.info({ url }, `${service.config.service} subgraph ready`);
      let stopping = false;
      const stop = async (signal: string) => {
        if (stopping) return;
        stopping = true;
        service.log.info({ signal }, 'stopping');
        await service.stop().catch((err: unknown) => service.log.error({ err }, 'unclean stop'));
        process.exit(0);
      };
      process.on('SIGTERM', () => void stop('SIGTERM'));
      process.on('SIGINT', () => void stop('SIGINT'));
    })
    .catch((err: unknown) => {
      boot.fatal({ err }, 'could not start');
      process.exit(1);
    });
}

import type { ServiceConfig } from '../config/service-config';
import type { RunningService } from './start-service';

/**
 * Where a service's signed links point: its public URL (through the gateway's /files proxy) when
 * one is configured, else the origin it really listens on, which is known only after `listen` (a
 * test or `npm start` may bind port 0 or fall back to another port).
 */
export class LinkOrigin {
  private listening: string;

  constructor(
    config: Pick<ServiceConfig, 'host' | 'port'>,
    private readonly publicUrl?: string,
  ) {
    this.listening = `http://${config.host === '0.0.0.0' ? '127.0.0.1' : config.host}:${config.port}`;
  }

  /** The base links are built on now. */
  readonly baseUrl = (): string => this.publicUrl ?? this.listening;

  /** Follows the service's `listen`, so links name the port it bound. Returns the same service. */
  follow(service: RunningService): RunningService {
    const listen = service.listen.bind(service);
    service.listen = async (port) => {
      const url = await listen(port);
      this.listening = new URL(url).origin;
      return url;
    };
    return service;
  }
}

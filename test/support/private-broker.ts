import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, startKafka, type KafkaHandle } from '@fidu/infra';

/**
 * A Kafka broker of one test file's own, for tests that freeze, kill or stop it (the run's broker
 * must stay up for the other files). Started again, it keeps its port and its data, as a broker
 * restarted in production does.
 */
export class PrivateBroker {
  private constructor(
    private readonly dataDir: string,
    private readonly port: number,
    private handle: KafkaHandle | undefined,
  ) {}

  /** A new broker on a free port, its data in a temporary folder named after `name`. */
  static async start(name: string): Promise<PrivateBroker> {
    const dataDir = await mkdtemp(join(tmpdir(), `fidu-${name}-`));
    const port = await freePort();
    return new PrivateBroker(
      dataDir,
      port,
      await startKafka({ dataDir, port, log: () => undefined, shortLived: true }),
    );
  }

  get brokers(): string[] {
    return [`127.0.0.1:${this.port}`];
  }

  /** SIGSTOP: the JVM keeps its port and sockets, and answers nothing. */
  freeze(): void {
    this.handle?.freeze();
  }

  thaw(): void {
    this.handle?.thaw();
  }

  /** SIGKILL, as a crash would; resolves once it is gone. */
  async crash(): Promise<void> {
    await this.handle?.crash();
    this.handle = undefined;
  }

  /** A clean shutdown; its data stays for `restart()`. */
  async stop(): Promise<void> {
    await this.handle?.stop();
    this.handle = undefined;
  }

  /** Starts it again on its port and data. */
  async restart(): Promise<void> {
    this.handle = await startKafka({
      dataDir: this.dataDir,
      port: this.port,
      log: () => undefined,
      shortLived: true,
    });
  }

  /** Stops it (thawed first, if frozen) and deletes its data. */
  async dispose(): Promise<void> {
    this.thaw();
    await this.stop();
    await rm(this.dataDir, { recursive: true, force: true });
  }
}

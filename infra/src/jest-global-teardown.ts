import { rm } from 'node:fs/promises';
import path from 'node:path';
import type { TestInfraHolder } from './jest-global-setup';

/** Jest globalTeardown: stops what jest-global-setup started (globals are shared between the two). */
export default async function globalTeardown(): Promise<void> {
  const holder = globalThis as TestInfraHolder;
  for (const stop of holder.__FIDU_BEFORE_INFRA_STOP__?.splice(0) ?? []) await stop().catch(() => undefined);
  const infra = await holder.__FIDU_INFRA__?.catch(() => undefined); // a failed start was reported by the tests
  holder.__FIDU_INFRA__ = undefined;
  await infra?.stop();
  const stateFile = process.env.FIDU_TEST_INFRA_STATE;
  if (stateFile) await rm(path.dirname(stateFile), { recursive: true, force: true });
}

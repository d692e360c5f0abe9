import { LocalInfra } from './local-infra';

/** Jest globalTeardown: stops what jest-global-setup started (globals are shared between the two). */
export default async function globalTeardown(): Promise<void> {
  const holder = globalThis as { __FIDU_INFRA__?: LocalInfra };
  await holder.__FIDU_INFRA__?.stop();
  holder.__FIDU_INFRA__ = undefined;
}

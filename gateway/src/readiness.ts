import { fetch as undiciFetch } from 'undici';
import type { BreakerState } from './subgraph-fetcher';

export type SubgraphHealth = { ready: boolean; circuit: BreakerState | 'unused' };

export interface SubgraphReadiness {
  /** Each subgraph's readiness (its own /health/ready) and the gateway's circuit towards it. */
  check(): Promise<{ status: 'ready' | 'degraded' | 'not ready'; subgraphs: Record<string, SubgraphHealth> }>;
}

/** A readiness answer is reused this long, so a probe storm never becomes a subgraph storm. */
const CACHE_MS = 1_000;

/**
 * The gateway's readiness from its subgraphs': `ready` when all are, `degraded` (still 200: the
 * gateway serves partial data, and taking every replica out of rotation because one subgraph is down
 * would turn a partial outage into a total one) when some are, `not ready` (503) when none is.
 */
export function createSubgraphReadiness(
  subgraphUrls: Record<string, string>,
  circuits: () => Record<string, BreakerState>,
  probeTimeoutMs = 1_000,
): SubgraphReadiness {
  let cached: { at: number; answer: Promise<Record<string, boolean>> } | undefined;
  const probe = async (graphqlUrl: string) => {
    try {
      const url = new URL('/health/ready', graphqlUrl);
      const res = await undiciFetch(url, { signal: AbortSignal.timeout(probeTimeoutMs) });
      await res.body?.cancel();
      return res.ok;
    } catch {
      return false;
    }
  };
  const probeAll = async () =>
    Object.fromEntries(
      await Promise.all(
        Object.entries(subgraphUrls).map(async ([name, url]) => [name, await probe(url)] as const),
      ),
    );
  return {
    async check() {
      if (!cached || Date.now() - cached.at > CACHE_MS) cached = { at: Date.now(), answer: probeAll() };
      const ready = await cached.answer;
      const states = circuits();
      const subgraphs: Record<string, SubgraphHealth> = Object.fromEntries(
        Object.entries(ready).map(([name, ok]) => [
          name,
          { ready: ok, circuit: states[name] ?? 'unused' } satisfies SubgraphHealth,
        ]),
      );
      const count = Object.values(ready).filter(Boolean).length;
      const all = Object.keys(ready).length;
      return {
        status: count === all ? 'ready' : count === 0 ? 'not ready' : 'degraded',
        subgraphs,
      };
    },
  };
}

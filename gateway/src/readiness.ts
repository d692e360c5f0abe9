import { fetch as undiciFetch } from 'undici';
import type { BreakerState } from './subgraph-fetcher';

export type SubgraphHealth = {
  /** Its own readiness (database, Kafka, consumer). */
  ready: boolean;
  /** Whether it can answer queries: it answers its health check and its database is up. */
  serving: boolean;
  circuit: BreakerState | 'unused';
};

type Probe = Pick<SubgraphHealth, 'ready' | 'serving'>;

export interface SubgraphReadiness {
  /** Each subgraph's readiness (its own /health/ready) and the gateway's circuit towards it. */
  check(): Promise<{ status: 'ready' | 'degraded' | 'not ready'; subgraphs: Record<string, SubgraphHealth> }>;
}

/** A readiness answer is reused this long, so a probe storm never becomes a subgraph storm. */
const CACHE_MS = 1_000;

/**
 * The gateway's readiness from its subgraphs': `ready` when all are, `degraded` (still 200: the
 * gateway serves partial data, and taking every replica out of rotation because one subgraph is down
 * would turn a partial outage into a total one) when some are not, `not ready` (503) when none can
 * answer queries. A subgraph unready only for Kafka (its events wait) still serves queries.
 */
export function createSubgraphReadiness(
  subgraphUrls: Record<string, string>,
  circuits: () => Record<string, BreakerState>,
  probeTimeoutMs = 1_000,
): SubgraphReadiness {
  let cached: { at: number; answer: Promise<Record<string, Probe>> } | undefined;
  const probe = async (graphqlUrl: string): Promise<Probe> => {
    try {
      const url = new URL('/health/ready', graphqlUrl);
      const res = await undiciFetch(url, { signal: AbortSignal.timeout(probeTimeoutMs) });
      const body = (await res.json().catch(() => ({}))) as { checks?: { database?: unknown } };
      return { ready: res.ok, serving: res.ok || body.checks?.database === true };
    } catch {
      return { ready: false, serving: false };
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
      const probes = await cached.answer;
      const states = circuits();
      const subgraphs: Record<string, SubgraphHealth> = Object.fromEntries(
        Object.entries(probes).map(([name, p]) => [
          name,
          { ...p, circuit: states[name] ?? 'unused' } satisfies SubgraphHealth,
        ]),
      );
      const all = Object.values(probes);
      const status = all.every((p) => p.ready)
        ? 'ready'
        : all.some((p) => p.serving)
          ? 'degraded'
          : 'not ready';
      return { status, subgraphs };
    },
  };
}

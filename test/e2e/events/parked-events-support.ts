import type { TestSystem } from '../../support/system';

export const PARKED_EVENT_FIELDS = `id topic partition offset key eventId eventType valueBase64 headers { name value }
  error attempts parkedAt replayedAt replayResult replayedBy`;
export const MANDATES_PARKED_EVENTS = `query($first: Int, $after: String) {
  mandatesParkedEvents(first: $first, after: $after) { totalCount pendingCount endCursor hasNextPage nodes { ${PARKED_EVENT_FIELDS} } }
}`;
export const REPLAY_MANDATES_PARKED_EVENT = `mutation($id: ID!) { replayMandatesParkedEvent(id: $id) { ${PARKED_EVENT_FIELDS} } }`;

/** A subgraph's own base URL (health and metrics are not behind the gateway). */
function baseOf(sys: TestSystem, name: keyof TestSystem['subgraphUrls']): string {
  return sys.subgraphUrls[name].replace(/\/graphql$/, '');
}

export async function readinessOf(
  sys: TestSystem,
  name: keyof TestSystem['subgraphUrls'],
): Promise<{ status: number; checks: Record<string, boolean> }> {
  const res = await fetch(`${baseOf(sys, name)}/health/ready`);
  const body = (await res.json()) as { checks: Record<string, boolean> };
  return { status: res.status, checks: body.checks };
}

/** One sample of a subgraph's /metrics (Prometheus text), e.g. `fidu_inbox_parked_events_pending`. */
export async function metricOf(
  sys: TestSystem,
  name: keyof TestSystem['subgraphUrls'],
  metric: string,
): Promise<number | undefined> {
  const text = await (await fetch(`${baseOf(sys, name)}/metrics`)).text();
  const line = text.split('\n').find((l) => l.startsWith(`${metric}{`) || l.startsWith(`${metric} `));
  return line === undefined ? undefined : Number(line.slice(line.lastIndexOf(' ') + 1));
}

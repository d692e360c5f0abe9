import { Kind, type OperationDefinitionNode } from 'graphql';

/**
 * Mutations that legitimately run long: bulk imports (10,000 clients), bulk associations, exports and
 * operators' job runs. Their subgraph fetch gets the long allowance (SUBGRAPH_LONG_TIMEOUT_MS); every
 * other fetch, queries included, gets the short one, so a frozen subgraph never holds a caller long.
 * A mutation whose fetch times out may still commit in the subgraph: callers of these operations read
 * the outcome back (each is idempotent or reports what it did) rather than retry blindly.
 */
export const LONG_RUNNING_MUTATIONS = new Set([
  'importClients',
  'associateAllClients',
  'associateClients',
  'recordBankEntries',
  'runDailyExport',
  'redeliverExport',
  'exportPrestations',
  'runConnectorsJob',
  'runMandatesJob',
  'runCaroInvitationsJob',
  'runTitresServicesJob',
]);

/** The deadline of one subgraph fetch, from the operation the gateway sends to the subgraph. */
export function fetchAllowanceMs(
  operation: OperationDefinitionNode | undefined,
  timeouts: { timeoutMs: number; longTimeoutMs: number },
): number {
  if (operation?.operation !== 'mutation') return timeouts.timeoutMs;
  const long = operation.selectionSet.selections.some(
    (s) => s.kind === Kind.FIELD && LONG_RUNNING_MUTATIONS.has(s.name.value),
  );
  return long ? timeouts.longTimeoutMs : timeouts.timeoutMs;
}

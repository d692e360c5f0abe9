import { DomainError, requireUuid } from '@fidu/service-kit/domain';

/** A check-box selection of one page of the client list; "associate all" is a separate, set-based path. */
export const MAX_SELECTED_CLIENTS = 1000;

/** Validates the clients ticked for association: ids only, each once, a bounded number. */
export function parseClientSelection(clientIds: readonly string[]): string[] {
  if (clientIds.length === 0 || clientIds.length > MAX_SELECTED_CLIENTS) {
    throw new DomainError(
      'CONNECTOR_SELECTION_SIZE_INVALID',
      `Select between 1 and ${MAX_SELECTED_CLIENTS} clients at once.`,
      'clientIds',
    );
  }
  const ids = clientIds.map((id, i) => requireUuid(id, `clientIds.${i}`));
  const seen = new Set<string>();
  ids.forEach((id, i) => {
    if (seen.has(id)) {
      throw new DomainError(
        'CONNECTOR_SELECTION_DUPLICATE_CLIENT',
        'Each client may appear only once.',
        `clientIds.${i}`,
      );
    }
    seen.add(id);
  });
  return ids;
}

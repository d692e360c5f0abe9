import { ValidationError } from '@fidu/service-kit/domain';
import type { ConnectorState } from './connector';
import { connectorNotActive } from './connector.errors';

/** A client's current (not ended) association, as stored. */
export interface CurrentAssociation {
  clientId: string;
  connectorId: string;
}

export interface AssociationPlan {
  /** Clients to associate now. */
  toAssociate: string[];
  /** Clients already associated with this very connector: ticking them again changes nothing. */
  unchanged: string[];
}

/**
 * The association rules for a selection of clients, all or nothing:
 * - only a validated (active) connector takes associations;
 * - every client must be one of the office's (others are "not found");
 * - a client feeds at most one connector, so one associated elsewhere is refused, not moved.
 * Every problem of the selection is reported at once.
 */
export function planAssociations(args: {
  connectorId: string;
  connectorState: ConnectorState;
  selection: readonly string[];
  officeClientIds: ReadonlySet<string>;
  current: readonly CurrentAssociation[];
}): AssociationPlan {
  if (args.connectorState !== 'ACTIVE') throw connectorNotActive(args.connectorState);
  const connectorOf = new Map(args.current.map((a) => [a.clientId, a.connectorId]));
  const problems: { field: string; code: string; message: string }[] = [];
  const plan: AssociationPlan = { toAssociate: [], unchanged: [] };
  args.selection.forEach((clientId, i) => {
    const field = `clientIds.${i}`;
    const current = connectorOf.get(clientId);
    if (!args.officeClientIds.has(clientId)) {
      problems.push({ field, code: 'CLIENT_NOT_FOUND', message: 'No such client in your office.' });
    } else if (current === undefined) {
      plan.toAssociate.push(clientId);
    } else if (current === args.connectorId) {
      plan.unchanged.push(clientId);
    } else {
      problems.push({
        field,
        code: 'CONNECTOR_CLIENT_ALREADY_ASSOCIATED',
        message: 'This client is already associated with another connector: disassociate it first.',
      });
    }
  });
  if (problems.length > 0) throw new ValidationError(problems);
  return plan;
}

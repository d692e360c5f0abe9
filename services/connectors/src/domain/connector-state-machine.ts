import { DomainError, stateMachine, type TransitionTable } from '@fidu/service-kit/domain';
import type { ConnectorState } from './connector';

/** What the office can do to a connector that changes its state. */
export type ConnectorAction = 'VALIDATE' | 'DELETE';

/**
 * The one table of allowed connector transitions: state → action → next state. Anything not
 * listed is illegal. A connector may be deleted before or after validation; a deleted one is final.
 */
export const CONNECTOR_TRANSITIONS: TransitionTable<ConnectorState, ConnectorAction> = {
  PENDING_VALIDATION: { VALIDATE: 'ACTIVE', DELETE: 'DELETED' },
  ACTIVE: { DELETE: 'DELETED' },
  DELETED: {},
};

const VERBS: Record<ConnectorAction, string> = { VALIDATE: 'validate', DELETE: 'delete' };
const LABELS: Record<ConnectorState, string> = {
  PENDING_VALIDATION: 'waiting for validation',
  ACTIVE: 'already validated',
  DELETED: 'deleted',
};

const CONNECTOR_MACHINE = stateMachine(
  CONNECTOR_TRANSITIONS,
  (state, action) =>
    new DomainError(
      'CONNECTOR_ILLEGAL_TRANSITION',
      `Cannot ${VERBS[action]} this connector: it is ${LABELS[state]}.`,
      'connectorId',
      { state, action },
    ),
);

/** The state `action` leads to from `state`; an illegal move is a typed error, never a no-op. */
export function nextConnectorState(state: ConnectorState, action: ConnectorAction): ConnectorState {
  return CONNECTOR_MACHINE.next(state, action);
}

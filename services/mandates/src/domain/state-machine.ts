import { DomainError } from '@fidu/service-kit';

/** One explicit table of allowed transitions: state → the states it may move to. */
export type TransitionTable<S extends string> = Readonly<Record<S, readonly S[]>>;

/** A state machine over a transition table; an illegal transition is a typed error. */
export interface StateMachine<S extends string> {
  readonly states: readonly S[];
  canMove(from: S, to: S): boolean;
  /** Throws `<PREFIX>_ILLEGAL_TRANSITION` (details: from, to) when `from → to` is not in the table. */
  assertMove(from: S, to: S): void;
}

export function createStateMachine<S extends string>(
  aggregate: string,
  errorPrefix: string,
  table: TransitionTable<S>,
): StateMachine<S> {
  const states = Object.keys(table) as S[];
  const canMove = (from: S, to: S) => (table[from] ?? []).includes(to);
  return {
    states,
    canMove,
    assertMove(from, to) {
      if (!canMove(from, to)) {
        throw new DomainError(
          `${errorPrefix}_ILLEGAL_TRANSITION`,
          `A ${aggregate} in state ${from} cannot move to ${to}.`,
          undefined,
          { fromState: from, toState: to },
        );
      }
    },
  };
}

import { DomainError, movesTable, stateMachine } from '@fidu/service-kit/domain';

/** One explicit table of allowed transitions: state → the states it may move to. */
export type TransitionTable<S extends string> = Readonly<Record<S, readonly S[]>>;

/** A state machine over a transition table; an illegal transition is a typed error. */
export interface StateMachine<S extends string> {
  readonly states: readonly S[];
  canMove(from: S, to: S): boolean;
  /** Throws `<PREFIX>_ILLEGAL_TRANSITION` (details: from, to) when `from → to` is not in the table. */
  assertMove(from: S, to: S): void;
}

/** The kit's state machine, read as "move to a state" (the action is the target state). */
export function createStateMachine<S extends string>(
  aggregate: string,
  errorPrefix: string,
  table: TransitionTable<S>,
): StateMachine<S> {
  const machine = stateMachine(
    movesTable(table),
    (from, to) =>
      new DomainError(
        `${errorPrefix}_ILLEGAL_TRANSITION`,
        `A ${aggregate} in state ${from} cannot move to ${to}.`,
        undefined,
        { fromState: from, toState: to },
      ),
  );
  return {
    states: machine.states,
    canMove: machine.can,
    assertMove: (from, to) => void machine.next(from, to),
  };
}

import type { DomainError } from '../errors';

/**
 * The one shape of a state table: state → action → what the action leads to. The target is
 * usually the next state; an aggregate whose outcome depends on more than the action (e.g. how
 * many vouchers a wallet could pay) keeps a small record of targets there instead. An action
 * missing from a state's row is illegal in that state.
 */
export type TransitionTable<S extends string, A extends string, T = S> = Readonly<
  Record<S, Readonly<Partial<Record<A, T>>>>
>;

export interface StateMachine<S extends string, A extends string, T = S> {
  readonly table: TransitionTable<S, A, T>;
  readonly states: readonly S[];
  /** Whether the table lists `action` in state `from`. */
  can(from: S, action: A): boolean;
  /** What `action` leads to from `from`; throws the machine's typed error when not listed. */
  next(from: S, action: A): T;
  /** The actions the table allows in `from` (e.g. to show the buttons a caller may press). */
  actionsFrom(from: S): A[];
}

/**
 * A state machine over one explicit table. `illegal` builds the aggregate's own typed error
 * (its code and message stay the service's), so every refused move reads the same way.
 */
export function stateMachine<S extends string, A extends string, T = S>(
  table: TransitionTable<S, A, T>,
  illegal: (from: S, action: A) => DomainError,
): StateMachine<S, A, T> {
  const can = (from: S, action: A) => table[from]?.[action] !== undefined;
  return {
    table,
    states: Object.keys(table) as S[],
    can,
    next(from, action) {
      const target = table[from]?.[action];
      if (target === undefined) throw illegal(from, action);
      return target;
    },
    actionsFrom: (from) => Object.keys(table[from] ?? {}) as A[],
  };
}

/**
 * A table written as state → the states it may move to, as the same shape: the action is the
 * target state itself ("move to X").
 */
export function movesTable<S extends string>(
  moves: Readonly<Record<S, readonly S[]>>,
): TransitionTable<S, S, S> {
  const table = {} as Record<S, Partial<Record<S, S>>>;
  for (const from of Object.keys(moves) as S[]) {
    table[from] = Object.fromEntries(moves[from].map((to) => [to, to])) as Partial<Record<S, S>>;
  }
  return table;
}

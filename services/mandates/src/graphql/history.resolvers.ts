import type { Resolvers } from './generated/resolvers-types';
import { instant } from './fields';

/** A state change of any mandate, account or order (its `history` field loads them per request). */
export const historyResolvers: Resolvers = {
  StateChange: {
    at: (h) => instant(h.at),
  },
};

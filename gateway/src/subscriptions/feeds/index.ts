import type { SubscriptionFeed } from '../feed';
import { bankMandateChangedFeed } from './bank-mandate-changed.feed';
import { clientChangedFeed } from './client-changed.feed';
import { mandateStateChangedFeed } from './mandate-state-changed.feed';
import { prestationAwaitingConfirmationFeed } from './prestation-awaiting-confirmation.feed';
import { prestationChangedFeed } from './prestation-changed.feed';
import { sodaActivationRequestedFeed } from './soda-activation-requested.feed';
import { sodaMandateChangedFeed } from './soda-mandate-changed.feed';

/** Every subscription the gateway serves; one file per feed. */
export const FEEDS: readonly SubscriptionFeed[] = [
  clientChangedFeed,
  mandateStateChangedFeed,
  sodaActivationRequestedFeed,
  sodaMandateChangedFeed,
  bankMandateChangedFeed,
  prestationChangedFeed,
  prestationAwaitingConfirmationFeed,
];

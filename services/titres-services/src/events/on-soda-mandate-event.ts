import type { EntityManager } from 'typeorm';
import {
  isEvent,
  SodaMandateState,
  SodaMandateStateChangedSchema,
  type DecodedEvent,
} from '@fidu/proto-events';
import { wallClockOf } from '@fidu/service-kit';
import type { ChargeableFact } from '../domain/billing-rules';
import { recordChargeableFact } from '../use-cases/record-chargeable-fact';

/**
 * What platform billing reads from another domain's event; empty for free ones. A SODA mandate
 * reaching ACTIVE ("payroll entries are delivered") is both its activation and its first file,
 * since the mandates domain has no separate first-file event yet; leaving ACTIVE for ARCHIVED ends it.
 */
export function chargeableFactsOf(event: DecodedEvent): ChargeableFact[] {
  if (isEvent(event, SodaMandateStateChangedSchema)) {
    const e = event.payload;
    const on = wallClockOf(event.time).date;
    const ref = { officeId: e.officeId, mandateId: e.sodaMandateId, on };
    if (e.newState === SodaMandateState.ACTIVE && e.oldState !== SodaMandateState.ACTIVE) {
      return [
        { kind: 'SODA_MANDATE_ACTIVATED', ...ref },
        { kind: 'SODA_MANDATE_FIRST_FILE', ...ref },
      ];
    }
    if (e.oldState === SodaMandateState.ACTIVE && e.newState !== SodaMandateState.ACTIVE) {
      return [{ kind: 'SODA_MANDATE_ENDED', ...ref }];
    }
  }
  return [];
}

/** Turns a SODA mandate's state change into platform billing (activation, first file, end). */
export async function onSodaMandateEvent(em: EntityManager, event: DecodedEvent): Promise<void> {
  for (const fact of chargeableFactsOf(event)) await recordChargeableFact(em, fact);
}

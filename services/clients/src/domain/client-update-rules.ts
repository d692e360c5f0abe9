import { DomainError } from '@fidu/service-kit/domain';
import type { ClientData, FieldChange, Warning } from './client';

/** A validated patch: absent = unchanged, null = cleared. */
export type ClientPatch = Partial<ClientData>;

export interface UpdatePlan {
  next: ClientData;
  changes: FieldChange[];
  warnings: Warning[];
}

function text(value: unknown): string | null {
  return value === null || value === undefined ? null : String(value);
}

/**
 * Applies the editing rules to a client:
 * - every field is editable except the enterprise number, which may be filled once when empty;
 * - while the enterprise number is empty (as stored), the company name cannot change;
 * - a new client code is accepted with a warning: files will be delivered to another folder.
 */
export function planClientUpdate(current: ClientData, patch: ClientPatch): UpdatePlan {
  if (patch.enterpriseNumber !== undefined && patch.enterpriseNumber !== current.enterpriseNumber) {
    if (current.enterpriseNumber !== null) {
      throw new DomainError(
        'CLIENT_ENTERPRISE_NUMBER_IMMUTABLE',
        'The enterprise number cannot be changed once it is set.',
        'enterpriseNumber',
      );
    }
    if (patch.enterpriseNumber === null) {
      throw new DomainError(
        'CLIENT_ENTERPRISE_NUMBER_IMMUTABLE',
        'The enterprise number cannot be cleared.',
        'enterpriseNumber',
      );
    }
  }
  if (
    patch.companyName !== undefined &&
    patch.companyName !== current.companyName &&
    current.enterpriseNumber === null
  ) {
    throw new DomainError(
      'CLIENT_COMPANY_NAME_LOCKED',
      'The company name cannot be changed while the enterprise number is empty: fill in the enterprise number first.',
      'companyName',
    );
  }

  const next: ClientData = { ...current };
  const changes: FieldChange[] = [];
  const set = <K extends keyof ClientData>(key: K) => {
    const value = patch[key];
    if (value === undefined) return;
    next[key] = value as ClientData[K];
  };
  (Object.keys(current) as (keyof ClientData)[]).forEach(set);

  for (const field of [
    'enterpriseNumber',
    'companyName',
    'clientCode',
    'email',
    'phone',
    'language',
  ] as const) {
    if (next[field] !== current[field])
      changes.push({ field, oldValue: text(current[field]), newValue: text(next[field]) });
  }
  for (const part of ['street', 'postalCode', 'city', 'country'] as const) {
    const before = text(current.address?.[part]);
    const after = text(next.address?.[part]);
    if (before !== after) changes.push({ field: part, oldValue: before, newValue: after });
  }

  const warnings: Warning[] = [];
  if (next.clientCode !== current.clientCode) {
    warnings.push({
      code: 'CLIENT_CODE_CHANGED',
      field: 'clientCode',
      message: `The client code changes from ${current.clientCode} to ${next.clientCode}: this client's files will be delivered to another folder.`,
    });
  }
  return { next, changes, warnings };
}

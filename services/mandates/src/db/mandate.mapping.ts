import type { BankAccountState } from '../domain/bank-account';
import type { CaroState } from '../domain/caro-order';
import type { CodaState } from '../domain/coda-mandate';
import type { DocumentClientData } from '../domain/mandate-document';
import type { SodaState } from '../domain/soda-mandate';

/** A CODA mandate row, as the SELECT lists below name its columns. */
export interface CodaMandateRow {
  id: string;
  officeId: string;
  clientId: string;
  bankId: string;
  state: CodaState;
  stateReason: string | null;
  documentVersion: number;
  documentData: DocumentClientData | null;
  documentClientVersion: number | null;
  toBePresentedAgain: boolean;
  signedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

export const CODA_COLUMNS = `id, office_id AS "officeId", client_id AS "clientId", bank_id AS "bankId", state,
  state_reason AS "stateReason", document_version AS "documentVersion", document_data AS "documentData",
  document_client_version AS "documentClientVersion", to_be_presented_again AS "toBePresentedAgain",
  signed_at AS "signedAt", created_at AS "createdAt", updated_at AS "updatedAt"`;

export interface BankAccountRow {
  id: string;
  codaMandateId: string;
  officeId: string;
  clientId: string;
  bankId: string;
  iban: string;
  state: BankAccountState;
  activatedAt: Date | null;
  updatedAt: Date;
}

export const BANK_ACCOUNT_COLUMNS = `id, coda_mandate_id AS "codaMandateId", office_id AS "officeId", client_id AS "clientId",
  bank_id AS "bankId", iban, state, activated_at AS "activatedAt", updated_at AS "updatedAt"`;

export interface SodaMandateRow {
  id: string;
  orderId: string;
  officeId: string;
  clientId: string;
  socialSecretariatId: string;
  softwareId: string;
  state: SodaState;
  stateReason: string | null;
  reminderCount: number;
  lastRequestedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

export const SODA_COLUMNS = `id, order_id AS "orderId", office_id AS "officeId", client_id AS "clientId",
  social_secretariat_id AS "socialSecretariatId", software_id AS "softwareId", state, state_reason AS "stateReason",
  reminder_count AS "reminderCount", last_requested_at AS "lastRequestedAt", created_at AS "createdAt", updated_at AS "updatedAt"`;

export interface CaroOrderRow {
  id: string;
  officeId: string;
  clientId: string;
  bankId: string;
  clientReference: string;
  cardholderEmail: string;
  cardholderMobile: string;
  iban: string | null;
  state: CaroState;
  stateReason: string | null;
  invitationToken: string;
  invitedAt: Date;
  invitationExpiresAt: Date;
  remindersSent: number;
  lastDocumentDate: string | null;
  replacesId: string | null;
  createdAt: Date;
  updatedAt: Date;
}

export const CARO_COLUMNS = `id, office_id AS "officeId", client_id AS "clientId", bank_id AS "bankId",
  client_reference AS "clientReference", cardholder_email AS "cardholderEmail", cardholder_mobile AS "cardholderMobile",
  iban, state, state_reason AS "stateReason", invitation_token AS "invitationToken", invited_at AS "invitedAt",
  invitation_expires_at AS "invitationExpiresAt", reminders_sent AS "remindersSent",
  to_char(last_document_date, 'YYYY-MM-DD') AS "lastDocumentDate", replaces_id AS "replacesId",
  created_at AS "createdAt", updated_at AS "updatedAt"`;

/** One line of an aggregate's history. */
export interface HistoryRow {
  aggregateId: string;
  fromState: string | null;
  toState: string;
  reason: string | null;
  actor: string;
  at: Date;
}

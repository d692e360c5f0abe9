/**
 * Lifecycle of a connector (So bank "Mes connecteurs"): the office adds it by choosing a
 * software, validates it, and may delete it at any time. A deleted connector is kept for history.
 */
export const CONNECTOR_STATES = ['PENDING_VALIDATION', 'ACTIVE', 'DELETED'] as const;
export type ConnectorState = (typeof CONNECTOR_STATES)[number];

/**
 * Import layouts a software accepts: FEC is the French "fichier des écritures comptables"
 * (article A47 A-1 of the Livre des procédures fiscales); CSV is a delimited file per entry.
 */
export const EXPORT_FORMATS = ['FEC', 'CSV'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** So bank lets an office link "son logiciel comptable / prestataire": both are targets. */
export const SOFTWARE_KINDS = ['ACCOUNTING_SOFTWARE', 'PROVIDER'] as const;
export type SoftwareKind = (typeof SOFTWARE_KINDS)[number];

/** Why an association ended; kept so the history of a dossier's exports can be explained. */
export const ASSOCIATION_END_REASONS = ['DISASSOCIATED', 'CONNECTOR_DELETED'] as const;
export type AssociationEndReason = (typeof ASSOCIATION_END_REASONS)[number];

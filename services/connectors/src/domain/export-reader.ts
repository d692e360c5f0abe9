/** Who reads export batches: the office they belong to, or the software vendor they are addressed to. */
export type ExportReader = { officeId: string } | { softwareId: string };

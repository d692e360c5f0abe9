import { connectorSoftwareUnknown } from './connector.errors';

/** Software ids are stable lowercase slugs (e.g. `exact-online`), chosen by the reference data. */
const SOFTWARE_ID = /^[a-z0-9](?:[a-z0-9-]{0,38}[a-z0-9])?$/;

/** Checks a software id's shape before it reaches SQL; a malformed one is simply unknown. */
export function parseSoftwareId(value: string): string {
  const id = value.trim().toLowerCase();
  if (!SOFTWARE_ID.test(id)) throw connectorSoftwareUnknown(value);
  return id;
}

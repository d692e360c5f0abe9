import type { DataSource } from 'typeorm';
import { createClientDirectoryLoader } from '@fidu/service-kit';

/**
 * Per-request loaders, scoped to the caller's office: one SQL statement for any number of keys
 * asked for in one tick, and another office's rows are simply not found.
 */
export function createMandatesLoaders(ds: DataSource, officeId: string | undefined) {
  return {
    /** The client as this service knows it from the clients events; null when unknown here. */
    directoryEntryByClientId: createClientDirectoryLoader(ds, officeId),
  };
}

export type MandatesLoaders = ReturnType<typeof createMandatesLoaders>;

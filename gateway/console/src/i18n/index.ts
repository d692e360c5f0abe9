import { fr, type Catalogue } from './fr';

/** The active catalogue; French first (nl/en: add a file typed `Catalogue` and pick it here). */
export const t: Catalogue = fr;

/** Topics owned by the `titres-services` service. */
export const TITRES_SERVICES_TOPICS = {} as const;

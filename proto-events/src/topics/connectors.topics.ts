/** Topics owned by the `connectors` service. */
export const CONNECTORS_TOPICS = {} as const;

export * from '../gen/fidu/connectors/v1/connector_events_pb';
export * from '../gen/fidu/connectors/v1/association_events_pb';
export * from '../gen/fidu/connectors/v1/export_events_pb';
import {
  ConnectorAddedSchema,
  ConnectorDeletedSchema,
  ConnectorValidatedSchema,
} from '../gen/fidu/connectors/v1/connector_events_pb';
import {
  ClientAssociatedSchema,
  ClientDisassociatedSchema,
} from '../gen/fidu/connectors/v1/association_events_pb';
import { ExportProducedSchema } from '../gen/fidu/connectors/v1/export_events_pb';

/** Topic names of the `connectors` service. */
export const CONNECTORS_TOPIC_NAMES = {
  connector: 'connectors.connector.v1',
  association: 'connectors.association.v1',
  export: 'connectors.export.v1',
} as const;

/** Topics owned by the `connectors` service. */
export const CONNECTORS_TOPICS = {
  /** Connector aggregate; key = connector id. */
  [CONNECTORS_TOPIC_NAMES.connector]: [
    ConnectorAddedSchema,
    ConnectorValidatedSchema,
    ConnectorDeletedSchema,
  ],
  /** Association aggregate (client × connector); key = association id. */
  [CONNECTORS_TOPIC_NAMES.association]: [ClientAssociatedSchema, ClientDisassociatedSchema],
  /** Export aggregate (one produced file); key = export id. */
  [CONNECTORS_TOPIC_NAMES.export]: [ExportProducedSchema],
} as const;

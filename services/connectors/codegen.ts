import { serviceCodegenConfig } from '../codegen.base';

/** Resolver types from schema.graphql (see ../codegen.base.ts); run by `npm run build`. */
export default serviceCodegenConfig({
  serviceDir: __dirname,
  contextType: '../../context#ConnectorsContext',
  mappers: {
    Client: '../client-reference#ClientReference',
    ConnectorSoftware: '../../db/connector-software.entity#ConnectorSoftwareEntity',
    Connector: '../../db/connector.entity#ConnectorEntity',
    ConnectorAssociation: '../../db/connector-association.entity#ConnectorAssociationEntity',
    ActiveBankAccount: '../../read-models/bank-account.read-model#ActiveAccount',
    BankEntry: '../../use-cases/record-bank-entries#BankEntryRow',
    ExportBatch: '../../db/export-batch.entity#ExportBatchEntity',
    ExportBatchConnection: '../../read-models/export-batch.read-model#ExportBatchConnectionRow',
    GlobalFile: '../../db/global-file.entity#GlobalFileEntity',
    GlobalFileConnection: '../../read-models/global-file.read-model#GlobalFileConnectionRow',
    ExportFile: '../../read-models/export-file.read-model#FileDescriptor',
  },
});

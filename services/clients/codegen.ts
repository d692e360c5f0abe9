import { serviceCodegenConfig } from '../codegen.base';

/** Resolver types from schema.graphql (see ../codegen.base.ts); run by `npm run build`. */
export default serviceCodegenConfig({
  serviceDir: __dirname,
  contextType: '../../context#ClientsContext',
  mappers: {
    Client: '../../db/client.entity#ClientEntity',
    ClientImport: '../../db/client-import.mapping#ClientImportRow',
    ClientConnection: '../../read-models/client.read-model#ClientConnectionRow',
  },
});

import { serviceCodegenConfig } from '../codegen.base';

/** Resolver types from schema.graphql (see ../codegen.base.ts); run by `npm run build`. */
export default serviceCodegenConfig({
  serviceDir: __dirname,
  contextType: '../../context#MandatesContext',
  mappers: {
    Client: '../fields#ClientRef',
    Bank: '../../db/bank.entity#BankEntity',
    SocialSecretariat: '../../db/social-secretariat.entity#SocialSecretariatEntity',
    MandateSoftware: '../../db/mandate-software.entity#MandateSoftwareEntity',
    MandateClientProfile: '@fidu/service-kit#ClientDirectoryEntry',
    MandateManagementSettings: '../../read-models/management-settings.read-model#ManagementSettings',
    StateChange: '../../db/mandate.mapping#HistoryRow',
    CodaMandate: '../../db/mandate.mapping#CodaMandateRow',
    BankAccount: '../../db/mandate.mapping#BankAccountRow',
    SodaMandate: '../../db/mandate.mapping#SodaMandateRow',
    CaroOrder: '../../db/mandate.mapping#CaroOrderRow',
    SodaActivationRequest: '../../read-models/soda-mandate.read-model#SodaActivationRequestRow',
    SodaBoostResult: '../../read-models/soda-boost.read-model#SodaBoostAnswer',
    SodaAffiliation: '../../read-models/soda-boost.read-model#SodaAffiliationRow',
    CaroInvitationMessage: '../../read-models/caro-order.read-model#CaroInvitationMessageRow',
  },
});

import type { Principal } from '@fidu/service-kit';
import type { AccessRecord } from './observability/access-log';

/** Per-request gateway context: who is calling, and the id that follows the request everywhere. */
export interface GatewayContext {
  principal: Principal;
  requestId: string;
  /** Filled in for the access log as the request is resolved (HTTP requests only). */
  access?: AccessRecord;
}

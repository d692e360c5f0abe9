import type { Principal } from '@fidu/service-kit';

/** Per-request gateway context: who is calling, and the id that follows the request everywhere. */
export interface GatewayContext {
  principal: Principal;
  requestId: string;
}

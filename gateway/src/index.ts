export { createGateway, type GatewayApp } from './app';
export {
  DEV_JWT_SECRET,
  readConfig,
  urlVariableOf,
  SUBGRAPHS,
  type GatewayConfig,
  type SubgraphName,
} from './config';
// The subscription feeds' SDL: the console types its subscription documents with it.
export { FEEDS } from './subscriptions/feeds';
export { subscriptionSdl } from './subscriptions/subscription-schema';

export { createGateway, type GatewayApp } from './app';
export {
  DEV_JWT_SECRET,
  readConfig,
  urlVariableOf,
  SUBGRAPHS,
  type GatewayConfig,
  type SubgraphName,
} from './config';

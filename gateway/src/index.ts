export { createGateway, type GatewayApp } from './app';
export { readConfig, urlVariableOf, SUBGRAPHS, type GatewayConfig, type SubgraphName } from './config';

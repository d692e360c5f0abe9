export { createGateway, type GatewayApp } from './app';
export { readConfig, urlVariableOf, SUBGRAPHS, type GatewayConfig, type SubgraphName } from './config';
export { mintToken, verifyBearerToken } from './auth/bearer-token';

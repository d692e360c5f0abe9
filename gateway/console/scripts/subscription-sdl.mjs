// The gateway's subscription feeds are not in the supergraph (the gateway serves them itself):
// their SDL is taken from the built gateway's entry point, so the console's subscription documents
// are typed too.
import { mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { FEEDS, subscriptionSdl } = require('@fidu/gateway');
mkdirSync(new URL('../.schema/', import.meta.url), { recursive: true });
writeFileSync(new URL('../.schema/subscriptions.graphql', import.meta.url), subscriptionSdl(FEEDS));

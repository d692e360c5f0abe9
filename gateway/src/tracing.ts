// main.ts imports this first: the instrumentations patch http, express, graphql, pg and undici
// only when tracing starts before they are loaded. Off unless OTEL_TRACES_EXPORTER is set.
import { initTracing } from '@fidu/service-kit/tracing';

initTracing('gateway');

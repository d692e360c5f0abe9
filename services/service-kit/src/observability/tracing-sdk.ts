/**
 * The OpenTelemetry SDK part of tracing, loaded by `initTracing` only when tracing is on: it takes
 * over a second to load, which every process and test file would pay otherwise.
 */ import { context, diag, DiagLogLevel, propagation, trace, type DiagLogger } from '@opentelemetry/api';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-proto';
import { registerInstrumentations } from '@opentelemetry/instrumentation';
import { ExpressInstrumentation } from '@opentelemetry/instrumentation-express';
import { GraphQLInstrumentation } from '@opentelemetry/instrumentation-graphql';
import { HttpInstrumentation } from '@opentelemetry/instrumentation-http';
import { PgInstrumentation } from '@opentelemetry/instrumentation-pg';
import { UndiciInstrumentation } from '@opentelemetry/instrumentation-undici';
import { detectResources, envDetector, resourceFromAttributes } from '@opentelemetry/resources';
import {
  BatchSpanProcessor,
  ConsoleSpanExporter,
  SimpleSpanProcessor,
  type SpanExporter,
  type SpanProcessor,
} from '@opentelemetry/sdk-trace-base';
import { NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
import { FileSpanExporter } from './file-span-exporter';
import { onTracingShutdown } from './tracing-shutdown';

let provider: NodeTracerProvider | undefined;

/** Exporters named by OTEL_TRACES_EXPORTER (a comma list of otlp, console, file, none). */
function exportersFromEnv(env: NodeJS.ProcessEnv): SpanExporter[] {
  const names = (env.OTEL_TRACES_EXPORTER ?? '')
    .split(',')
    .map((n) => n.trim().toLowerCase())
    .filter((n) => n && n !== 'none');
  return names.map((name) => {
    if (name === 'otlp') return new OTLPTraceExporter(); // OTEL_EXPORTER_OTLP_* say where
    if (name === 'console') return new ConsoleSpanExporter();
    if (name === 'file') {
      const path = env.FIDU_TRACES_FILE;
      if (!path)
        throw new Error(
          'OTEL_TRACES_EXPORTER=file needs FIDU_TRACES_FILE (the JSON Lines file to append to)',
        );
      return new FileSpanExporter(path);
    }
    throw new Error(`OTEL_TRACES_EXPORTER: unknown exporter "${name}" (otlp, console, file or none)`);
  });
}

/** OpenTelemetry's own warnings (an unreachable collector…) go to stderr as JSON, like pino's lines. */
function jsonDiagLogger(service: string): DiagLogger {
  const write =
    (level: string) =>
    (message: string, ...args: unknown[]) =>
      process.stderr.write(
        `${JSON.stringify({ level, service, msg: `otel: ${message}`, args: args.map(String) })}\n`,
      );
  return {
    error: write('error'),
    warn: write('warn'),
    info: () => undefined,
    debug: () => undefined,
    verbose: () => undefined,
  };
}

/** Starts the SDK (see initTracing); false when no exporter is configured after all. */
export function startTracing(
  serviceName: string,
  options: { exporter?: SpanExporter; env: NodeJS.ProcessEnv },
): boolean {
  if (provider) return true;
  const { env } = options;
  const exporters = exportersFromEnv(env);
  const processors: SpanProcessor[] = exporters.map((e) => new BatchSpanProcessor(e));
  if (options.exporter) processors.push(new SimpleSpanProcessor(options.exporter));
  if (processors.length === 0) return false;
  diag.setLogger(jsonDiagLogger(serviceName), DiagLogLevel.WARN);
  provider = new NodeTracerProvider({
    resource: resourceFromAttributes({ 'service.name': env.OTEL_SERVICE_NAME || serviceName }).merge(
      detectResources({ detectors: [envDetector] }),
    ),
    spanProcessors: processors,
  });
  provider.register();
  const registered = provider;
  const unregister = registerInstrumentations({
    tracerProvider: provider,
    instrumentations: [
      new HttpInstrumentation({
        // Probes and scrapes every few seconds would drown the request traces.
        ignoreIncomingRequestHook: (req) => /^\/(health|metrics)\b/.test(req.url ?? ''),
      }),
      new ExpressInstrumentation(),
      new GraphQLInstrumentation({ ignoreTrivialResolveSpans: true, mergeItems: true }),
      // Only statements inside a request, an event or a relay publish: not the relay's idle polls.
      new PgInstrumentation({ requireParentSpan: true }),
      // The gateway's subgraph fetches (undici): spans, and traceparent on the outgoing request.
      new UndiciInstrumentation(),
    ],
  });
  // Exports what is buffered and leaves the process as before (tests may start tracing again).
  onTracingShutdown(async () => {
    provider = undefined;
    unregister();
    await registered.shutdown();
    trace.disable();
    context.disable();
    propagation.disable();
  });
  return true;
}

export { InMemorySpanExporter } from '@opentelemetry/sdk-trace-base';

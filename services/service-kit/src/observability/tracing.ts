/**
 * OpenTelemetry tracing for one process. Import this module (and call `initTracing`) before
 * anything else in a process entry: the instrumentations patch http, express, graphql, pg and
 * undici only when they are loaded after it. It imports nothing of the kit for that reason, and
 * loads the SDK only when tracing is on.
 */
import type { InMemorySpanExporter, SpanExporter } from '@opentelemetry/sdk-trace-base';

export interface TracingOptions {
  /** Exports every span at its end to this exporter (in-process tests: inMemorySpanExporter()). */
  exporter?: SpanExporter;
  /** Environment to read (default process.env). */
  env?: NodeJS.ProcessEnv;
}

/** The SDK, loaded on first use: synchronously, since tracing must start before the next import. */
function sdk(): typeof import('./tracing-sdk') {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require('./tracing-sdk') as typeof import('./tracing-sdk');
}

/**
 * Starts tracing for the process when asked: OTEL_TRACES_EXPORTER names the exporters (a comma
 * list of otlp, console, file, none; off when unset or `none`, and when OTEL_SDK_DISABLED=true);
 * OTLP is configured by the standard OTEL_EXPORTER_OTLP_* variables, sampling by
 * OTEL_TRACES_SAMPLER, batching by OTEL_BSP_*; `file` appends JSON Lines to FIDU_TRACES_FILE.
 * The W3C trace context propagator is installed, so traceparent flows over HTTP and Kafka.
 * Returns whether tracing is on. Calling it again does nothing (one provider per process).
 */
export function initTracing(serviceName: string, options: TracingOptions = {}): boolean {
  const env = options.env ?? process.env;
  const named = (env.OTEL_TRACES_EXPORTER ?? '').split(',').some((n) => !['', 'none'].includes(n.trim()));
  if (!options.exporter && (env.OTEL_SDK_DISABLED === 'true' || !named)) return false;
  return sdk().startTracing(serviceName, { exporter: options.exporter, env });
}

/** An exporter that keeps finished spans in memory (tests): pass it to initTracing. */
export function inMemorySpanExporter(): InMemorySpanExporter {
  return new (sdk().InMemorySpanExporter)();
}

export { flushTracing } from './tracing-shutdown';
export type { InMemorySpanExporter, ReadableSpan } from '@opentelemetry/sdk-trace-base';

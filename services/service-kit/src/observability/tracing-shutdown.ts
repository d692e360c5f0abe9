/**
 * The running tracer provider's shutdown, registered by `initTracing`. Kept apart from tracing.ts
 * so that stopping a process does not load the OpenTelemetry SDK when tracing is off.
 */
let shutdown: (() => Promise<void>) | undefined;

export function onTracingShutdown(fn: () => Promise<void>): void {
  shutdown = fn;
}

/** Exports the spans still buffered, then stops tracing (before the process exits). */
export async function flushTracing(): Promise<void> {
  const current = shutdown;
  shutdown = undefined;
  await current?.().catch(() => undefined);
}

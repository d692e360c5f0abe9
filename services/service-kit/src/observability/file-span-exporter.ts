import { appendFileSync } from 'node:fs';
import { ExportResultCode, hrTimeToMilliseconds, type ExportResult } from '@opentelemetry/core';
import type { ReadableSpan, SpanExporter } from '@opentelemetry/sdk-trace-base';

/** One finished span as a line of the traces file (JSON Lines). */
export interface SpanLine {
  service: string;
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  kind: number;
  scope: string;
  startMs: number;
  durationMs: number;
  statusCode: number;
  attributes: Record<string, unknown>;
}

export function spanLine(span: ReadableSpan): SpanLine {
  return {
    service: String(span.resource.attributes['service.name'] ?? ''),
    traceId: span.spanContext().traceId,
    spanId: span.spanContext().spanId,
    parentSpanId: span.parentSpanContext?.spanId,
    name: span.name,
    kind: span.kind,
    scope: span.instrumentationScope.name,
    startMs: hrTimeToMilliseconds(span.startTime),
    durationMs: hrTimeToMilliseconds(span.duration),
    statusCode: span.status.code,
    attributes: { ...span.attributes },
  };
}

/**
 * Appends finished spans to a file, one JSON object per line: local runs and tests read traces
 * without a collector. Appends are synchronous and small, so several processes can share a file.
 */
export class FileSpanExporter implements SpanExporter {
  constructor(private readonly path: string) {}

  export(spans: ReadableSpan[], done: (result: ExportResult) => void): void {
    try {
      if (spans.length > 0)
        appendFileSync(this.path, spans.map((s) => `${JSON.stringify(spanLine(s))}\n`).join(''));
      done({ code: ExportResultCode.SUCCESS });
    } catch (error) {
      done({ code: ExportResultCode.FAILED, error: error as Error });
    }
  }

  async shutdown(): Promise<void> {}
}

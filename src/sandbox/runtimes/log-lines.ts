import { randomBytes } from 'node:crypto';

/** The lines Lambda itself writes to a function's log, in AWS's formats. */

/** `2025/04/03/[$LATEST]<32 hex digits>`, one per execution environment. */
export function logStreamName(date: Date, version = '$LATEST'): string {
  const day = date.toISOString().slice(0, 10).replaceAll('-', '/');
  return `${day}/[${version}]${randomBytes(16).toString('hex')}`;
}

export interface Report {
  requestId: string;
  durationMs: number;
  /** Only on a cold start. */
  initDurationMs?: number;
  memorySize: number;
  maxMemoryUsed: number;
  /** e.g. `Status: timeout`, for invocations that failed in the platform's eyes. */
  status?: string;
}

/** Billed time rounds up to the millisecond and, since August 2025, includes init. */
export function reportLine(report: Report): string {
  const billed = Math.max(Math.ceil(report.durationMs + (report.initDurationMs ?? 0)), 1);
  const fields = [
    `REPORT RequestId: ${report.requestId}`,
    `Duration: ${report.durationMs.toFixed(2)} ms`,
    `Billed Duration: ${billed} ms`,
    `Memory Size: ${report.memorySize} MB`,
    `Max Memory Used: ${report.maxMemoryUsed} MB`,
  ];
  if (report.initDurationMs !== undefined) fields.push(`Init Duration: ${report.initDurationMs.toFixed(2)} ms`);
  if (report.status) fields.push(report.status);
  return `${fields.join('\t')}\t\n`;
}

export function timedOutLine(requestId: string, timeoutSeconds: number, now = new Date()): string {
  return `${now.toISOString()} ${requestId} Task timed out after ${timeoutSeconds.toFixed(2)} seconds\n`;
}

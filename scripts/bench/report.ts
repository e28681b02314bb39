// What every benchmark area hands back, and the one table and JSON file made from them.
import { mkdir, writeFile } from 'node:fs/promises';
import { cpus, loadavg, totalmem } from 'node:os';
import { join } from 'node:path';

/** One figure: a number and its unit (`ms`, `KiB`, `req/s`, `MiB`). */
export interface Figure {
  value: number;
  unit: string;
}

/** One line of the table: labbook's figure beside its baseline, measured in the same run. */
export interface Row {
  area: string;
  measure: string;
  labbook: Figure;
  baseline: Figure;
  /** labbook / baseline: above 1 is slower, larger or more memory for time, bytes and memory; for req/s, below 1 is fewer. */
  ratio: number;
}

export interface AreaResult {
  rows: Row[];
  /** What the baseline is, how it was measured, and the samples' summaries: kept in the JSON only. */
  details: Record<string, unknown>;
  /** Tables of the area's own shape (Markdown), printed after the common one. */
  tables?: string[];
}

export function row(area: string, measure: string, labbook: Figure, baseline: Figure): Row {
  return { area, measure, labbook, baseline, ratio: labbook.value / baseline.value };
}

export const ms = (value: number): Figure => ({ value, unit: 'ms' });

export function machineInfo() {
  const cores = cpus();
  return {
    cpu: cores[0]?.model ?? 'unknown',
    cores: cores.length,
    memoryGiB: Number((totalmem() / 2 ** 30).toFixed(1)),
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
    loadAverageAtStart: loadavg().map((load) => Number(load.toFixed(2))),
  };
}

export function formatFigure({ value, unit }: Figure): string {
  const digits = Math.abs(value) >= 100 ? 0 : Math.abs(value) >= 10 ? 1 : Math.abs(value) >= 1 ? 2 : 3;
  return `${value.toFixed(digits)} ${unit}`;
}

/** The table as Markdown, so the same text reads in a terminal and in the README. */
export function markdownTable(rows: Row[]): string {
  return markdownGrid(
    [['area', 'measure', 'labbook', 'baseline', 'ratio'], ...rows.map((r) => [r.area, r.measure, formatFigure(r.labbook), formatFigure(r.baseline), `${r.ratio.toFixed(2)}×`])],
    [false, false, true, true, true],
  );
}

/** Lines of cells (the first the header) as an aligned Markdown table; `numeric` columns are right-aligned. */
export function markdownGrid(lines: string[][], numeric: boolean[]): string {
  const widths = lines[0].map((_, column) => Math.max(...lines.map((line) => line[column].length)));
  const render = (line: string[]) => `| ${line.map((cell, i) => (numeric[i] ? cell.padStart(widths[i]) : cell.padEnd(widths[i]))).join(' | ')} |`;
  const rule = `|${widths.map((width, i) => (numeric[i] ? `${'-'.repeat(width + 1)}:` : '-'.repeat(width + 2))).join('|')}|`;
  return [render(lines[0]), rule, ...lines.slice(1).map(render)].join('\n');
}

/** Writes bench-<timestamp>.json and latest.json into `dir`; returns the first's path. */
export async function writeReport(dir: string, report: { measuredAt: string } & Record<string, unknown>): Promise<string> {
  await mkdir(dir, { recursive: true });
  const text = `${JSON.stringify(report, null, 2)}\n`;
  const path = join(dir, `bench-${report.measuredAt.replace(/[:.]/g, '-')}.json`);
  await writeFile(path, text);
  await writeFile(join(dir, 'latest.json'), text);
  return path;
}

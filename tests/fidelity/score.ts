// Tallies the cases per service and prints the table the README quotes.
export type Outcome = 'agrees' | 'differs on purpose' | 'differs';

export type Tally = Map<string, Record<Outcome, number>>;

const outcomes: Outcome[] = ['agrees', 'differs on purpose', 'differs'];

export function count(tally: Tally, service: string, outcome: Outcome): void {
  const row = tally.get(service) ?? { agrees: 0, 'differs on purpose': 0, differs: 0 };
  row[outcome] += 1;
  tally.set(service, row);
}

export function scoreTable(tally: Tally): string {
  const rows = [...tally.entries()].sort(([a], [b]) => a.localeCompare(b));
  const total = { agrees: 0, 'differs on purpose': 0, differs: 0 };
  for (const [, row] of rows) for (const outcome of outcomes) total[outcome] += row[outcome];
  const line = (service: string, row: Record<Outcome, number>) => {
    const cases = outcomes.reduce((sum, outcome) => sum + row[outcome], 0);
    const score = cases === 0 ? 0 : (100 * row.agrees) / cases;
    return `| ${service.padEnd(23)} | ${String(cases).padStart(5)} | ${outcomes.map((o) => String(row[o]).padStart(o.length)).join(' | ')} | ${score.toFixed(1).padStart(5)} % |`;
  };
  return [
    `| ${'service'.padEnd(23)} | cases | ${outcomes.join(' | ')} |   score |`,
    `|${'-'.repeat(25)}|------:|${outcomes.map((o) => `${'-'.repeat(o.length + 1)}:|`).join('')}--------:|`,
    ...rows.map(([service, row]) => line(service, row)),
    line('total', total),
  ].join('\n');
}

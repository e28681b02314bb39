// What a check found: each thing it looked at, passed or not, and what it saw.
import type { Finding } from '../../steps/model.ts';

export function Findings({ findings }: { findings: readonly Finding[] }) {
  if (findings.length === 0) return null;
  return (
    <ul class="lb-lab__findings">
      {findings.map((finding, index) => (
        <li key={index} data-ok={finding.ok}>
          <span class="lb-lab__mark" aria-hidden="true">
            {finding.ok ? '✓' : '✗'}
          </span>
          <span class="sr-only">{finding.ok ? 'Passed: ' : 'Failed: '}</span>
          <span class="lb-lab__finding-label">{finding.label}</span> — <span class="lb-lab__finding-detail">{finding.detail}</span>
        </li>
      ))}
    </ul>
  );
}

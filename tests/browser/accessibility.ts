// One accessibility check for every spec: axe's serious and critical violations, as text.
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';

/**
 * Starlight's search button is named "Search" and also shows its keyboard shortcut
 * ("Ctrl K") as a hint. axe reads the hint as part of the visible label; WCAG 2.5.3
 * asks only that the visible label ("Search") be in the name, which it is. This one
 * pairing is accepted; every other node and rule counts.
 */
function isStarlightSearchShortcut(ruleId: string, target: string): boolean {
  return ruleId === 'label-content-name-mismatch' && target === 'button[data-open-modal=""]';
}

/**
 * Expressive Code makes a code block that scrolls sideways focusable from a script,
 * after layout; on a busy machine axe could look first and report the block.
 */
async function codeBlocksSettled(page: Page): Promise<void> {
  await page.waitForFunction(() =>
    [...document.querySelectorAll('.expressive-code pre')].every((pre) => pre.scrollWidth <= pre.clientWidth || pre.hasAttribute('tabindex')),
  );
}

/** Serious and critical axe violations on the page, or only inside `include` selectors. */
export async function seriousViolations(page: Page, include: string[] = []): Promise<string[]> {
  await codeBlocksSettled(page);
  const builder = new AxeBuilder({ page });
  for (const selector of include) builder.include(selector);
  const results = await builder.analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .flatMap((v) => {
      const nodes = v.nodes.map((n) => n.target.join(' ')).filter((target) => !isStarlightSearchShortcut(v.id, target));
      return nodes.length > 0 ? [`${v.id}: ${v.help} (${nodes.join(', ')})`] : [];
    });
}

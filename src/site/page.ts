// labbook's one script on every page, bundled into Astro's own page script
// (integrations/page-script.ts): the header's target indicator, the sidebar's complete
// chapters, the sandbox's real address in commands, keyboard access to wide tables, and the
// Progress widget's view and the lab report's button once they are in sight. It and everything it imports are one chunk
// (astro.config.mjs) because each script file is a request of its own, with about 1.5 KiB
// of headers, and a page must stay within 1.2× of plain Starlight's JavaScript (`npm run budget`).
import '../widgets/target-panel/target-indicator.ts';
import './lab-block/sidebar-completion.ts';
import { loadWhenVisible } from './load-when-visible.ts';
import { showSandboxAddress } from './sandbox-address.ts';

void showSandboxAddress();
// Plain DOM over the list Progress.astro rendered; only the pages with the widget fetch it.
loadWhenVisible('[data-lb-progress]', () => void import('../widgets/progress/progress-view.ts'));
// The lab report's button; the report's own code loads when it is pressed.
loadWhenVisible('[data-lb-lab-report]', () => void import('../widgets/lab-report/lab-report-button.ts'));

// Starlight lets a wide table scroll sideways; a region that scrolls must be reachable
// from the keyboard (WCAG 2.1.1), so a table that overflows is a tab stop while it does.
const scrollableTables = () => {
  for (const table of document.querySelectorAll<HTMLTableElement>('.sl-markdown-content table')) {
    if (table.closest('.lb-lab')) continue; // a widget's table scrolls inside its own focusable region
    if (table.scrollWidth > table.clientWidth) table.tabIndex = 0;
    else table.removeAttribute('tabindex');
  }
};
scrollableTables();
new ResizeObserver(scrollableTables).observe(document.documentElement);

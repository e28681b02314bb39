// The chapters print the sandbox's default address in their commands. A student who
// started it on another port must copy commands that name that port, so once the page
// knows where its sandbox really is, every code sample and copy button says so.
import { serverInfo } from '../cloud/server-info.ts';
import { PRINTED_SANDBOX_URL } from '../server/info-api.ts';

export async function showSandboxAddress(root: ParentNode = document): Promise<void> {
  const endpoint = (await serverInfo()).sandbox?.endpoint;
  if (!endpoint || endpoint === PRINTED_SANDBOX_URL) return;
  for (const code of root.querySelectorAll('.sl-markdown-content code')) replaceInText(code, PRINTED_SANDBOX_URL, endpoint);
  // Expressive Code's copy button copies its data-code attribute, not the text shown.
  for (const button of root.querySelectorAll<HTMLElement>('.sl-markdown-content [data-code]')) {
    button.dataset.code = button.dataset.code!.replaceAll(PRINTED_SANDBOX_URL, endpoint);
  }
}

/**
 * Replaces `from` with `to` in an element's text, where syntax highlighting may have
 * split `from` over several text nodes: the first node of a match takes the whole
 * replacement and the others lose their share of it, so the highlighting's spans stay.
 */
function replaceInText(element: Element, from: string, to: string): void {
  const nodes: Text[] = [];
  const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) nodes.push(walker.currentNode as Text);
  const text = nodes.map((node) => node.data).join('');
  const matches: number[] = [];
  for (let at = text.indexOf(from); at !== -1; at = text.indexOf(from, at + from.length)) matches.push(at);
  // From the last match backwards, so earlier offsets stay valid.
  for (const start of matches.reverse()) {
    const end = start + from.length;
    let offset = 0;
    let replaced = false;
    for (const node of nodes) {
      const nodeStart = offset;
      offset += node.data.length;
      const cutFrom = Math.max(start, nodeStart) - nodeStart;
      const cutTo = Math.min(end, offset) - nodeStart;
      if (cutFrom >= cutTo) continue;
      node.replaceData(cutFrom, cutTo - cutFrom, replaced ? '' : to);
      replaced = true;
    }
  }
}

/** Opens the Target dialog, as pressing the header's indicator does: there is one on every page. */
export function openTargetPanel(): void {
  document.querySelector<HTMLButtonElement>('.lb-target-indicator')?.click();
}

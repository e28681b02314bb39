/** Runs `load` once any element matching `selector` comes into view, as Astro's client:visible hydrates an island. */
export function loadWhenVisible(selector: string, load: () => void): void {
  const elements = document.querySelectorAll(selector);
  if (elements.length === 0) return;
  const observer = new IntersectionObserver((entries) => {
    if (!entries.some((entry) => entry.isIntersecting)) return;
    observer.disconnect();
    load();
  });
  for (const element of elements) observer.observe(element);
}

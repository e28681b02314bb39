// When does a cell load its editor? Not on page load: a cell at the top of a page is in
// view at once, and loading Monaco for it then would put Monaco in every page's first
// load. The editor is wanted once the reader scrolls with the cell in view, or focuses
// or clicks its code.
import type { RefObject } from 'preact';
import { useEffect, useState } from 'preact/hooks';

export function useEditorWanted(cell: RefObject<HTMLElement>): [wanted: boolean, want: () => void] {
  const [wanted, setWanted] = useState(false);
  const want = () => setWanted(true);

  useEffect(() => {
    const element = cell.current;
    if (wanted || !element) return;
    let inView = false;
    // Arriving at a cell via a link to further down the page counts as having scrolled.
    let scrolled = window.scrollY > 0;
    const check = () => {
      if (inView && scrolled) want();
    };
    const observer = new IntersectionObserver((entries) => {
      inView = entries.at(-1)?.isIntersecting ?? inView;
      check();
    });
    const onScroll = () => {
      scrolled = true;
      check();
    };
    observer.observe(element);
    window.addEventListener('scroll', onScroll, { passive: true });
    return () => {
      observer.disconnect();
      window.removeEventListener('scroll', onScroll);
    };
  }, [wanted]);

  return [wanted, want];
}

// In `npm run dev`, Astro's glob loader catches the error of a chapter whose frontmatter does
// not match the schema when the file is added or changed, and only logs it: the chapter is left
// out (a new one answers 404) or kept as it was. A chapter that is already wrong when the dev
// server starts is worse: the first load throws and the server exits. This wraps the loader to
// keep each such error until the file loads cleanly or is gone, and dev-content-errors.ts
// answers pages with it, so that the browser shows Astro's error overlay (file, field, fix) as
// `astro build` stops on it.
import { existsSync } from 'node:fs';
import type { Loader, LoaderContext } from 'astro/loaders';

/**
 * Each failing file's error, by its path. On the global object: the content layer and the
 * pages load this module each in a module runner of their own, so a module-level map would be two.
 */
const shared = globalThis as { [key: symbol]: Map<string, Error> | undefined };
const failures = (shared[Symbol.for('labbook.contentErrors')] ??= new Map<string, Error>());

export function keepingLoadErrors(loader: Loader): Loader {
  return {
    ...loader,
    load: async (context) => {
      // Only the dev server watches files; `astro build` stops on the first error as it should.
      let starting = context.watcher !== undefined;
      const parseData: LoaderContext['parseData'] = async (props) => {
        const file = props.filePath ?? props.id;
        try {
          const data = await context.parseData(props);
          failures.delete(file);
          return data;
        } catch (error) {
          failures.set(file, error instanceof Error ? error : new Error(String(error)));
          if (!starting) throw error;
          // The dev server starting: stand in a chapter with only a title for it, so that the
          // server starts and watches the file; every page shows the error until it is fixed.
          const titleOnly = { title: props.id } as Record<string, unknown> as typeof props.data;
          return context.parseData({ ...props, data: titleOnly });
        }
      };
      await loader.load({ ...context, parseData });
      starting = false;
    },
  };
}

/** The error of a chapter that still fails to load, if any. */
export function contentLoadError(): Error | undefined {
  for (const [file, error] of failures) {
    if (existsSync(file)) return error;
    failures.delete(file);
  }
  return undefined;
}

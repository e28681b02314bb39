// `import text from './file.py?raw'` as Vite reads it (the file's text as the default
// export), for the lab steps, which the benchmark runs in Node without Vite.
import { readFileSync } from 'node:fs';
import { registerHooks } from 'node:module';

const RAW = '?raw';

registerHooks({
  resolve(specifier, context, nextResolve) {
    if (!specifier.endsWith(RAW) || !context.parentURL) return nextResolve(specifier, context);
    return { url: new URL(specifier, context.parentURL).href, shortCircuit: true };
  },
  load(url, context, nextLoad) {
    if (!url.endsWith(RAW)) return nextLoad(url, context);
    const text = readFileSync(new URL(url.slice(0, -RAW.length)), 'utf8');
    return { format: 'module', source: `export default ${JSON.stringify(text)};`, shortCircuit: true };
  },
});

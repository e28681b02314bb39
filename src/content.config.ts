import { defineCollection } from 'astro:content';
import { glob } from 'astro/loaders';
import { docsSchema, i18nSchema } from '@astrojs/starlight/schema';
import { keepingLoadErrors } from './site/authoring/content-errors.ts';
import { labBlockSchema } from './site/lab-block/schema.ts';
import { resourcesSchema } from './steps/declared/schema.ts';
import { sidebarFrontmatter } from './site/sidebar/sidebar-frontmatter.ts';
import uiTextEnglish from './site/ui-text.en.json';

// Chapters live in the top-level content/ folder so instructors never need to open src/.
export const collections = {
  docs: defineCollection({
    // In dev, a chapter whose frontmatter is wrong shows its error in the browser (content-errors.ts).
    loader: keepingLoadErrors(glob({ pattern: '**/*.{md,mdx}', base: './content' })),
    // A chapter's place in the sidebar is in its own `sidebar:` (order, label, group).
    schema: docsSchema({ extend: sidebarFrontmatter.extend({ lab: labBlockSchema.optional(), resources: resourcesSchema.optional() }) }),
  }),
  // Starlight's interface text where labbook says it differently (search in `npm run dev`),
  // keyed by language; an entry without a file path is keyed by its id.
  i18n: defineCollection({
    loader: () => [{ id: 'en', ...uiTextEnglish }],
    schema: i18nSchema(),
  }),
};

import { defineCollection } from 'astro:content';
import { glob } from 'astro/loaders';
import { docsSchema, i18nSchema } from '@astrojs/starlight/schema';
import { z } from 'astro/zod';
import { labBlockSchema } from './site/lab-block/schema.ts';
import { resourcesSchema } from './steps/declared/schema.ts';
import uiTextEnglish from './site/ui-text.en.json';

// Chapters live in the top-level content/ folder so instructors never need to open src/.
export const collections = {
  docs: defineCollection({
    loader: glob({ pattern: '**/*.{md,mdx}', base: './content' }),
    schema: docsSchema({ extend: z.object({ lab: labBlockSchema.optional(), resources: resourcesSchema.optional() }) }),
  }),
  // Starlight's interface text where labbook says it differently (search in `npm run dev`),
  // keyed by language; an entry without a file path is keyed by its id.
  i18n: defineCollection({
    loader: () => [{ id: 'en', ...uiTextEnglish }],
    schema: i18nSchema(),
  }),
};

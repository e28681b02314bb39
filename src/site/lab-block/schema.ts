// The `lab:` block of a chapter's frontmatter: what the chapter teaches, how long it takes,
// what to do first, and what completes it. Checked when the content is loaded, so a wrong
// id or a missing field stops `astro build` (and the dev server's overlay) with the file and
// the field. The descriptions are the instructors' documentation (site/authoring/SchemaFields.astro).
import { z } from 'astro/zod';
import { CHECK_LIST } from '../../steps/check-list.ts';
import { slugOfDeclaredCheck } from '../../steps/declared/declared-check.ts';
import { oneOf } from '../../widgets/shared/one-of.ts';

const labCheckId = oneOf(
  'check',
  CHECK_LIST.map((check) => check.id),
);

/**
 * A lab check's id, or a chapter's declared-resources check: which chapters declare resources
 * this schema cannot see (it reads one chapter), so route-middleware.ts checks those.
 */
const checkId = z.string().superRefine((id, ctx) => {
  if (slugOfDeclaredCheck(id) !== undefined) return;
  for (const issue of labCheckId.safeParse(id).error?.issues ?? []) ctx.addIssue({ code: 'custom', message: issue.message });
});

export const labBlockSchema = z
  .object({
    objectives: z
      .array(z.string().min(1))
      .min(1)
      .describe('What a student can do after the chapter, one short sentence each. Shown at the top of the chapter.'),
    minutes: z.number().int().min(1).max(600).describe('About how long the chapter takes, in minutes. Shown in the sidebar and at the top of the chapter.'),
    prerequisites: z
      .array(z.string().min(1))
      .default([])
      .describe(
        'Chapters to do first, by slug (the file name without .mdx, e.g. `lambda`). Linked at the top of the chapter; the build checks that each is a chapter.',
      ),
    checks: z
      .array(checkId)
      .default([])
      .describe(
        'The checks (`<CheckMyWork check="…" />` ids) that must pass for the chapter to count as complete: the lab’s, or `<chapter slug>/resources` of a chapter that declares `resources:` (the build checks that it does).',
      ),
    exercises: z
      .array(z.string().min(1))
      .default([])
      .describe(
        'The ids of the chapter’s `<Exercise>`s that must be solved for it to count as complete: every exercise in the chapter, and only those (the build compares).',
      ),
  })
  .strict()
  .refine((lab) => lab.checks.length + lab.exercises.length > 0, {
    error: 'A chapter with a lab block needs at least one check or exercise to complete it.',
  });

export type LabBlock = z.infer<typeof labBlockSchema>;

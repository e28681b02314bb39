// <Exercise>'s props, checked at build (shared/checked-props.ts) and listed in the widget catalogue.
import { z } from 'astro/zod';

export const exerciseProps = z.strictObject({
  id: z.string().min(1).describe('Unique across the whole site: the student’s progress is stored under it.'),
  title: z.string().min(1).describe('The exercise’s heading.'),
  code: z.string().describe('The starter code.'),
  check: z.string().min(1).describe('Python asserts run after the student’s code. Give each a message that tells the student what to fix.'),
  hint: z.string().optional().describe('Shown folded away under “Hint”.'),
  solution: z
    .string()
    .optional()
    .describe(
      'A solution, behind a Show solution button: it opens once a run has failed, or when the student presses twice. Seeing it is recorded, and the exercise says so once done.',
    ),
});

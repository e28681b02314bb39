// The tags labbook puts on each table, function, API and stream a step creates from the page,
// so Clean-up finds it on the target itself: from a fresh browser, another machine, or after
// the browser's records are gone. `labbook:step` is the step's id (`task-8-1/table`), which
// says what removes it; `labbook:chapter` is the chapter's path (`/lambda/`) it was made on,
// absent when a step runs outside a chapter (tests). The CLI copies carry no tags: they are
// found by the lab's names instead.
import type { TaggedResource } from './model.ts';

export const STEP_TAG = 'labbook:step';
export const CHAPTER_TAG = 'labbook:chapter';

export function labbookTags(stepId: string, chapter?: string): Record<string, string> {
  return { [STEP_TAG]: stepId, ...(chapter && { [CHAPTER_TAG]: chapter }) };
}

/** The step id a listed resource's tags name, if labbook made it. */
export const taggedStep = (resource: TaggedResource): string | undefined => resource.tags[STEP_TAG];

/** Tags as DynamoDB and Kinesis list them, as the map the other services use. */
export const tagMap = (tags: readonly { Key?: string; Value?: string }[] | undefined): Record<string, string> =>
  Object.fromEntries((tags ?? []).map((tag) => [tag.Key ?? '', tag.Value ?? '']));

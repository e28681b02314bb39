// The lab's own chapters that declare resources: their steps, checks and sequences are the
// lab's (src/steps/lab-resources.ts builds them from these declarations), so the build does
// not hand them to the widgets a second time as a chapter's declared resources.
export const LAB_CHAPTER_SLUGS: readonly string[] = ['task-8-1', 'task-8-2'];

// The lab's own resources, as their chapters declare them in their frontmatter (`resources:`),
// the same declarations an instructor's chapter makes: the lab's step modules take their
// steps from here by id, and add the lab's own checks and sequences on top.
import type { DeclaredResource } from './declared/declared-step.ts';
import type { ResourceDeclaration } from './declared/schema.ts';
import task81 from '../../content/task-8-1.mdx?resources';
import task82 from '../../content/task-8-2.mdx?resources';

export const LAB_RESOURCES: Record<string, readonly DeclaredResource[]> = { 'task-8-1': task81, 'task-8-2': task82 };

/** The declared resource whose (first) step is `stepId`, which must be of `kind`. */
export function labResource<K extends ResourceDeclaration['kind']>(stepId: string, kind: K) {
  const resource = Object.values(LAB_RESOURCES)
    .flat()
    .find((declared) => declared.stepId === stepId);
  if (resource?.declaration.kind !== kind) throw new Error(`No ${kind} is declared with the step ${stepId} in the lab's chapters.`);
  return resource as DeclaredResource & { declaration: Extract<ResourceDeclaration, { kind: K }> };
}

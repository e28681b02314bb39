// A chapter's declared resources as steps and as one check, built in the browser from the
// plain data the build hands a widget (chapter-resources.ts): the same factories the lab's
// own steps use, so a declared table or function has the lab's CLI text, check, tags and
// teardown. No content is imported here, only the data passed in.
import type { Check } from '../checks.ts';
import type { AnyStep, Finding } from '../model.ts';
import { declaredCheckInfo } from './declared-check.ts';
import { dynamoTableStep } from '../resources/dynamodb-table.ts';
import { labRoleArn, lambdaFunctionStep } from '../resources/lambda-function.ts';
import type { ResourceDeclaration } from './schema.ts';

/** One declared resource, as the build serialises it for a widget. */
export interface DeclaredResource {
  /** `<chapter slug>/<name>`, e.g. `examples/visitor-counter/VisitorCounts`. */
  stepId: string;
  declaration: ResourceDeclaration;
  /** A function's code, read from its file when the site was built. */
  source?: string;
}

/** A chapter that declares resources: what its check needs. */
export interface DeclaredChapter {
  slug: string;
  title: string;
  resources: DeclaredResource[];
}

export function declaredStep({ stepId, declaration, source }: DeclaredResource): AnyStep {
  if (declaration.kind === 'dynamodb-table') {
    const { name, partitionKey, sortKey } = declaration;
    return dynamoTableStep(stepId, declaration.title ?? `Create the table ${name}`, {
      tableName: name,
      partitionKey: partitionKey.name,
      keyType: partitionKey.type,
      ...(sortKey && { sortKey: sortKey.name, sortKeyType: sortKey.type }),
    });
  }
  return lambdaFunctionStep(stepId, declaration.title ?? `Deploy the function ${declaration.name}`, (place) => ({
    functionName: declaration.name,
    runtime: declaration.runtime,
    handler: declaration.handler,
    roleArn: labRoleArn(place.account),
    code: source ?? '',
    timeout: declaration.timeout,
    memorySize: declaration.memory,
    environment: declaration.environment,
  }));
}

/** Every declared resource's own check, with the chapter's names, in declaration order. */
export function declaredCheck(chapter: DeclaredChapter): Check {
  return {
    ...declaredCheckInfo(chapter),
    async run(ctx) {
      const findings: Finding[] = [];
      for (const step of chapter.resources.map(declaredStep)) findings.push(...(await step.check(ctx, step.defaults(ctx))));
      return findings;
    },
  };
}

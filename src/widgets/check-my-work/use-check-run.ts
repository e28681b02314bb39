// Runs a listed check when the student asks, for Check my work and Progress's Check again.
// The check's code and the SDK clients it calls load then, with import(), not with the
// page: a page that only lists checks stays light. The status says while they load, and a
// load that fails is explained like any other failure.
import { useState } from 'preact/hooks';
import { CHECK_NOT_LOADED, checkNotLoadedMessage } from '../../steps/check-not-loaded.ts';
import { runCheck, type Check, type CheckInfo } from '../../steps/checks.ts';
import type { DeclaredChapter } from '../../steps/declared/declared-step.ts';
import { StepError } from '../../steps/errors.ts';
import type { Finding } from '../../steps/model.ts';
import { browserCheckProgress } from '../lab-step/browser-step-context.ts';
import { useOperation } from '../lab-step/use-operation.ts';

async function loadCheckCode(id: string): Promise<Check> {
  let catalogue: typeof import('../../steps/catalogue.ts');
  try {
    catalogue = await import('../../steps/catalogue.ts');
  } catch (error) {
    throw new StepError(CHECK_NOT_LOADED, checkNotLoadedMessage(error));
  }
  const check = catalogue.checkById(id);
  if (!check) throw new StepError('UnknownCheck', `There is no check named ${id}.`);
  return check;
}

/** A chapter's check of its declared resources, built from the chapter's data. */
async function loadDeclaredCheck(chapter: DeclaredChapter): Promise<Check> {
  try {
    return (await import('../../steps/declared/declared-step.ts')).declaredCheck(chapter);
  } catch (error) {
    throw new StepError(CHECK_NOT_LOADED, checkNotLoadedMessage(error));
  }
}

/**
 * `inputs`: the names to look for, for a check with fields (see use-check-inputs.ts);
 * `declared`: the chapter, for its check of its declared resources.
 */
export function useCheckRun(check: CheckInfo, inputs: Record<string, unknown> | undefined, declared?: DeclaredChapter) {
  const operation = useOperation();
  const [findings, setFindings] = useState<Finding[]>();
  const start = async () => {
    setFindings(undefined);
    const outcome = await operation.run(async (ctx) => {
      ctx.progress({ text: 'Loading the check…' });
      const code = declared ? await loadDeclaredCheck(declared) : await loadCheckCode(check.id);
      ctx.progress({ text: 'Checking' });
      return runCheck(code, ctx, browserCheckProgress(), check.fields ? inputs : undefined);
    });
    if (outcome) setFindings(outcome.findings);
  };
  return { op: operation.op, findings, start };
}

// Shared by the Lambda test files: deployment packages built in memory, and a
// function created and waited for in one call.
import { CreateFunctionCommand, LambdaClient, waitUntilFunctionActiveV2, type CreateFunctionCommandInput } from '@aws-sdk/client-lambda';
import { strToU8, zipSync } from 'fflate';

/** A .zip whose files are the given texts. */
export function zipOf(files: Record<string, string>): Uint8Array {
  return zipSync(Object.fromEntries(Object.entries(files).map(([name, text]) => [name, strToU8(text)])));
}

let counter = 0;
/** A function name no other test in the file uses. */
export function uniqueName(prefix: string): string {
  counter += 1;
  return `${prefix}-${process.pid}-${counter}`;
}

export function labRole(accountId: string): string {
  return `arn:aws:iam::${accountId}:role/LabRole`;
}

/** Creates a function and waits until it is Active, as a careful script would. */
export async function deploy(
  lambda: LambdaClient,
  accountId: string,
  input: Partial<CreateFunctionCommandInput> & { files: Record<string, string> },
): Promise<string> {
  const { files, ...rest } = input;
  const name = rest.FunctionName ?? uniqueName('fn');
  await lambda.send(
    new CreateFunctionCommand({
      Runtime: 'python3.13',
      Handler: 'app.handler',
      Role: labRole(accountId),
      ...rest,
      FunctionName: name,
      Code: { ZipFile: zipOf(files) },
    }),
  );
  await waitUntilFunctionActiveV2({ client: lambda, maxWaitTime: 30, minDelay: 1 }, { FunctionName: name });
  return name;
}

export const decode = (payload: Uint8Array | undefined) => JSON.parse(Buffer.from(payload ?? []).toString('utf8'));

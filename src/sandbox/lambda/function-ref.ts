/**
 * The FunctionName parameter in its three forms — `my-function`,
 * `123456789012:function:my-function` and the full ARN — each with an
 * optional `:qualifier`.
 */
export interface FunctionRef {
  name: string;
  qualifier?: string;
  region?: string;
  accountId?: string;
}

const FORMS =
  /^(?:arn:(?:aws[a-zA-Z-]*)?:lambda:)?(?:([a-z]{2}(?:-gov)?-[a-z]+-\d):)?(?:(\d{12}):)?(?:function:)?([a-zA-Z0-9_-]+)(?::(\$LATEST|[a-zA-Z0-9_-]+))?$/;

/** Undefined when the value is none of the forms (the caller has already reported the constraint). */
export function parseFunctionRef(value: string): FunctionRef | undefined {
  const match = FORMS.exec(value);
  if (!match) return undefined;
  const [, region, accountId, name, qualifier] = match;
  return { name, qualifier, region, accountId };
}

export function functionArn(region: string, accountId: string, name: string): string {
  return `arn:aws:lambda:${region}:${accountId}:function:${name}`;
}

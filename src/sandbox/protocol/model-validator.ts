/**
 * Validates an operation's input against AWS's own model (generated/*.ts,
 * from botocore's service-2.json) before the operation runs: required
 * members, string and list lengths, number ranges, patterns and enums, with
 * the wording AWS's request validator uses ("1 validation error detected:
 * Value 'x' at 'functionName' failed to satisfy constraint: Member must
 * satisfy regular expression pattern: …", the form lambda/constraints.ts
 * already reproduces; its AWS-recorded source is still to be cited, see issue #11).
 * Members are named in lower camel case, nested ones joined with dots.
 */
import { AwsError } from './errors.ts';
import type { ServiceModel, ShapeModel } from './model.ts';

/** Java regular expressions that JavaScript cannot compile are left unchecked (null). */
const compiled = new Map<string, RegExp | null>();

function patternOf(source: string): RegExp | null {
  if (!compiled.has(source)) {
    try {
      compiled.set(source, new RegExp(`^(?:${source})$`, 's'));
    } catch {
      compiled.set(source, null);
    }
  }
  return compiled.get(source)!;
}

function lowerCamel(name: string): string {
  return name.charAt(0).toLowerCase() + name.slice(1);
}

/** The problems in `input` against `operation`'s input shape, in AWS's words. */
export function inputProblems(model: ServiceModel, operation: string, input: unknown): string[] {
  const shapeName = model.operations[operation]?.input;
  if (!shapeName) return [];
  const problems: string[] = [];
  walk(model, model.shapes[shapeName], input, '', problems);
  return problems;
}

/** Throws `code` with AWS's "N validation errors detected: …" message when there are problems. */
export function validateInput(model: ServiceModel, operation: string, input: unknown, code: string): void {
  const problems = inputProblems(model, operation, input);
  if (problems.length === 0) return;
  const count = problems.length;
  const heading = `${count} validation error${count === 1 ? '' : 's'} detected: `;
  throw new AwsError(code, heading + problems.join('; '));
}

function walk(model: ServiceModel, shape: ShapeModel | undefined, value: unknown, path: string, out: string[]): void {
  if (!shape || value === undefined || value === null) return;
  const fail = (constraint: string) => out.push(`Value ${shown(value)} at '${path}' failed to satisfy constraint: ${constraint}`);
  if (shape.type === 'structure' && typeof value === 'object' && !Array.isArray(value)) {
    const record = value as Record<string, unknown>;
    for (const [member, ref] of Object.entries(shape.members ?? {})) {
      const memberPath = path ? `${path}.${lowerCamel(member)}` : lowerCamel(member);
      const memberValue = record[member];
      if ((memberValue === undefined || memberValue === null) && shape.required?.includes(member)) {
        out.push(`Value null at '${memberPath}' failed to satisfy constraint: Member must not be null`);
        continue;
      }
      walk(model, model.shapes[ref.shape], memberValue, memberPath, out);
    }
    return;
  }
  if (shape.type === 'string' && typeof value === 'string') {
    if (shape.min !== undefined && value.length < shape.min) fail(`Member must have length greater than or equal to ${shape.min}`);
    if (shape.max !== undefined && value.length > shape.max) fail(`Member must have length less than or equal to ${shape.max}`);
    const pattern = shape.pattern === undefined ? null : patternOf(shape.pattern);
    if (pattern && !pattern.test(value)) fail(`Member must satisfy regular expression pattern: ${shape.pattern}`);
    if (shape.enum && !shape.enum.includes(value)) fail(`Member must satisfy enum value set: [${shape.enum.join(', ')}]`);
    return;
  }
  if ((shape.type === 'integer' || shape.type === 'long') && typeof value === 'number') {
    if (shape.min !== undefined && value < shape.min) fail(`Member must have value greater than or equal to ${shape.min}`);
    if (shape.max !== undefined && value > shape.max) fail(`Member must have value less than or equal to ${shape.max}`);
    return;
  }
  if (shape.type === 'list' && Array.isArray(value)) {
    if (shape.min !== undefined && value.length < shape.min) fail(`Member must have length greater than or equal to ${shape.min}`);
    if (shape.max !== undefined && value.length > shape.max) fail(`Member must have length less than or equal to ${shape.max}`);
    value.forEach((item, index) => walk(model, shape.member ? model.shapes[shape.member] : undefined, item, `${path}.${index + 1}.member`, out));
  }
}

function shown(value: unknown): string {
  if (typeof value === 'string' || typeof value === 'number') return `'${value}'`;
  return `'${JSON.stringify(value)}'`;
}

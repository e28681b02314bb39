import { AwsError } from './errors.ts';

/**
 * Input constraint checks that report as AWS's request validator does:
 * "2 validation errors detected: Value 'x' at 'functionName' failed to
 * satisfy constraint: Member must ...; Value null at 'role' ...". Lambda
 * sends them as ValidationException, CloudWatch Logs as
 * InvalidParameterException. A value of the wrong JSON type is a different,
 * earlier failure: the body could not be read into the operation's input.
 */

/**
 * Bounds a service applies that its model does not state (API Gateway's lengths and
 * throttling limits); every other rule is the model's, checked by model-validator.ts.
 */
export interface Bounds {
  min?: number;
  max?: number;
}

export class Constraints {
  private readonly problems: string[] = [];
  private readonly typeError: (member: string, expected: string) => AwsError;

  /** `typeError` builds the error for a value of the wrong JSON type. */
  constructor(typeError: (member: string, expected: string) => AwsError) {
    this.typeError = typeError;
  }

  string(value: unknown, member: string, rule: Bounds = {}): string | undefined {
    if (value === undefined || value === null) return undefined;
    if (typeof value !== 'string') throw this.typeError(member, 'string');
    const shown = `'${value}'`;
    if (rule.min !== undefined && value.length < rule.min) {
      this.violated(shown, member, `Member must have length greater than or equal to ${rule.min}`);
    }
    if (rule.max !== undefined && value.length > rule.max) {
      this.violated(shown, member, `Member must have length less than or equal to ${rule.max}`);
    }
    return value;
  }

  integer(value: unknown, member: string, rule: Bounds = {}): number | undefined {
    if (value === undefined || value === null) return undefined;
    if (typeof value !== 'number' || !Number.isInteger(value)) throw this.typeError(member, 'integer');
    if (rule.min !== undefined && value < rule.min) {
      this.violated(`'${value}'`, member, `Member must have value greater than or equal to ${rule.min}`);
    }
    if (rule.max !== undefined && value > rule.max) {
      this.violated(`'${value}'`, member, `Member must have value less than or equal to ${rule.max}`);
    }
    return value;
  }

  boolean(value: unknown, member: string): boolean | undefined {
    if (value === undefined || value === null) return undefined;
    if (typeof value !== 'boolean') throw this.typeError(member, 'boolean');
    return value;
  }

  /** A JSON object (map or structure), or undefined. */
  object(value: unknown, member: string): Record<string, unknown> | undefined {
    if (value === undefined || value === null) return undefined;
    if (typeof value !== 'object' || Array.isArray(value)) throw this.typeError(member, 'object');
    return value as Record<string, unknown>;
  }

  list(value: unknown, member: string): unknown[] | undefined {
    if (value === undefined || value === null) return undefined;
    if (!Array.isArray(value)) throw this.typeError(member, 'list');
    return value as unknown[];
  }

  /** Throws the collected problems, if any, as one error with AWS's wording. */
  check(code: string): void {
    const count = this.problems.length;
    if (count === 0) return;
    const heading = `${count} validation error${count === 1 ? '' : 's'} detected: `;
    throw new AwsError(code, heading + this.problems.join('; '));
  }

  /** Records a failed constraint the typed checks above do not cover. */
  violated(shown: string, member: string, constraint: string): void {
    this.problems.push(`Value ${shown} at '${member}' failed to satisfy constraint: ${constraint}`);
  }
}

// The shape of a fidelity case: one request as the SDK sends it and the answer AWS gave,
// with where that answer was recorded. Cases live in cases/<service>.json.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export type ServiceName = 'sts' | 'dynamodb' | 'lambda' | 'kinesis' | 'logs' | 'apigatewayv2' | 'apigatewaymanagementapi';

export interface Call {
  /** Defaults to the case's service. */
  service?: ServiceName;
  operation: string;
  input: Record<string, unknown>;
  /** Repeat the call until these top-level or dotted fields have these values (a resource becoming ACTIVE). */
  until?: Record<string, unknown>;
}

export interface RecordedError {
  code: string;
  status: number;
  /** Fixed text, or `<re:…>` where AWS puts a random part in it. */
  message: string;
}

export interface FidelityCase {
  name: string;
  /** Where AWS's answer was recorded: a URL, or repo path + snapshot key. */
  source: string;
  /** How the recorded answer was read, where that needs saying. */
  note?: string;
  /** Calls that must succeed first; their top-level string outputs become `${Field}` variables. */
  given?: Call[];
  request: Call;
  /** The recorded answer is a documentation excerpt: the fields it shows are compared, others it leaves out are not. */
  excerpt?: boolean;
  /** What AWS answered: a success's fields, or an error. */
  output?: Record<string, unknown>;
  error?: RecordedError;
  /** The sandbox answers otherwise, knowingly; the reason says why. */
  differsOnPurpose?: string;
}

export interface CaseFile {
  service: ServiceName;
  cases: FidelityCase[];
}

export function loadCaseFiles(dir: string): CaseFile[] {
  return readdirSync(dir)
    .filter((file) => file.endsWith('.json'))
    .sort()
    .map((file) => JSON.parse(readFileSync(join(dir, file), 'utf8')) as CaseFile);
}

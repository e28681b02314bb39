// A Script (shells.ts) as Python with boto3: each `aws <service> <command>` becomes the client
// method of the same operation, called with keyword arguments as the lab's **kwargs chapter
// teaches. botocore names both from the operation's name (xform_name): the CLI's command is the
// method's name with `-` for `_`, and a flag is its parameter's name in words, so the parameter is
// the flag joined again in the case the service's model uses for its members. boto3 refuses an
// unknown parameter before sending, so tests/sandbox/steps-boto3.test.ts, running every step's
// program, proves each name.
import { isStructured, isVariable, type CliOption, type Command, type Line, type Script, type Template, type Value } from './shells.ts';

/** The tab's label beside the shells'. */
export const BOTO3_LABEL = 'Python (boto3)';

/** Services whose input members are camelCase in their model (the rest use PascalCase). */
const CAMEL_CASE_SERVICES = new Set(['logs']);

/** Flags of the AWS CLI itself, which boto3 takes elsewhere or not at all. */
const CLI_ONLY_FLAGS = new Set(['--region', '--endpoint-url', '--query', '--output', '--cli-binary-format']);

/** Longer calls put an argument per line. */
const ONE_LINE_CALL = 88;

/** Reads without side effects: their answer is what the student runs them for, so the program prints it. */
const READ_VERB = /^(get|list|describe|scan|query)-/;

/** A Python identifier for a shell variable: API_ID → api_id. */
const pythonName = (shellName: string) => shellName.toLowerCase();

const clientName = (service: string) => (service === 'lambda' ? 'lambda_client' : service.replaceAll('-', '_'));

// Double quotes where that saves escaping a single quote, as Python's repr() chooses.
const quoteFor = (text: string) => (text.includes("'") && !text.includes('"') ? '"' : "'");
const CONTROL_ESCAPES: Readonly<Record<string, string>> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };
const escapeFor = (text: string, quote: string) =>
  // Control characters are written as escapes, never raw, in the program's text.
  // eslint-disable-next-line no-control-regex
  text.replace(/[\\'"]|[\x00-\x1f\x7f]/g, (c) =>
    c === '\\' || c === quote ? `\\${c}` : c === '"' || c === "'" ? c : (CONTROL_ESCAPES[c] ?? `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`),
  );

/** A Python string literal. */
export function pythonString(text: string): string {
  const quote = quoteFor(text);
  return `${quote}${escapeFor(text, quote)}${quote}`;
}

function pythonLiteral(value: unknown): string {
  if (value === null || value === undefined) return 'None';
  if (typeof value === 'boolean') return value ? 'True' : 'False';
  if (typeof value === 'number') return String(value);
  if (typeof value === 'string') return pythonString(value);
  if (Array.isArray(value)) return `[${value.map(pythonLiteral).join(', ')}]`;
  return `{${Object.entries(value as Record<string, unknown>)
    .map(([key, member]) => `${pythonString(key)}: ${pythonLiteral(member)}`)
    .join(', ')}}`;
}

/** `"arn:…:$API_ID/*"` as `f'arn:…:{api_id}/*'`. */
function fString(parts: Template): string {
  const quote = quoteFor(parts.filter((part) => typeof part === 'string').join(''));
  const text = parts.map((part) => (typeof part === 'string' ? escapeFor(part, quote).replace(/[{}]/g, '$&$&') : `{${pythonName(part.variable)}}`)).join('');
  return `f${quote}${text}${quote}`;
}

function pythonValue(value: Value): string {
  if (typeof value === 'number') return String(value);
  if (typeof value === 'string') {
    // The CLI's way to pass a file's bytes or text (docs: "Loading AWS CLI parameters from a file").
    const file = /^(fileb?):\/\/(.+)$/.exec(value);
    if (file) return `Path(${pythonString(file[2])}).${file[1] === 'fileb' ? 'read_bytes' : 'read_text'}()`;
    return pythonString(value);
  }
  if (isStructured(value)) return pythonLiteral(value.structured);
  if (isVariable(value)) return pythonName(value.variable);
  return fString(value);
}

/** Members whose CLI flag does not spell them: Lambda's UUID (botocore lambda service-2.json, GetEventSourceMappingRequest). */
const MEMBER_OF_FLAG: Readonly<Record<string, string>> = { '--uuid': 'UUID' };

/** `--payload-format-version` → PayloadFormatVersion (or payloadFormatVersion for a camelCase service). */
function parameterName(service: string, flag: string): string {
  if (MEMBER_OF_FLAG[flag]) return MEMBER_OF_FLAG[flag];
  const words = flag.replace(/^--/, '').split('-');
  const pascal = words.map((word) => word.charAt(0).toUpperCase() + word.slice(1)).join('');
  return CAMEL_CASE_SERVICES.has(service) ? pascal.charAt(0).toLowerCase() + pascal.slice(1) : pascal;
}

interface Call {
  service: string;
  /** The method call, e.g. `dynamodb.create_table(\n    TableName='x',\n)`. */
  text: string;
  query?: string | Template;
  /** `--output text`: a projection's one match is printed bare. */
  textOutput: boolean;
  region?: string;
  endpointUrl?: string;
  reads: boolean;
}

/** One `aws` command as a boto3 call; undefined for what boto3 has no equivalent of (another program, `aws logs tail`, an operand). */
function callOf(command: Command, uses: Set<string>): Call | undefined {
  const [program, service, ...words] = command.words;
  if (program !== 'aws' || service === undefined) return undefined;
  const waiter = words[0] === 'wait' && words.length === 2 ? words[1] : undefined;
  if (!waiter && words.length !== 1) return undefined;
  const optionValue = (flag: string) => command.options.find(([f]) => f === flag)?.[1];
  const stringOption = (flag: string) => {
    const value = optionValue(flag);
    return typeof value === 'string' ? value : undefined;
  };
  const args: string[] = [];
  for (const option of command.options) {
    const argument = keywordArgument(service, words[0], option);
    if (argument === undefined) return undefined;
    if (argument) args.push(argument);
  }
  const method = waiter
    ? `${clientName(service)}.get_waiter(${pythonString(waiter.replaceAll('-', '_'))}).wait`
    : `${clientName(service)}.${words[0].replaceAll('-', '_')}`;
  const oneLine = `${method}(${args.join(', ')})`;
  const call = oneLine.length <= ONE_LINE_CALL || args.length === 0 ? oneLine : `${method}(\n${args.map((arg) => `    ${arg},`).join('\n')}\n)`;
  if (call.includes('Path(')) uses.add('from pathlib import Path');
  return {
    service,
    text: call,
    query: queryOption(optionValue('--query')),
    textOutput: optionValue('--output') === 'text',
    region: stringOption('--region'),
    endpointUrl: stringOption('--endpoint-url'),
    reads: !waiter && READ_VERB.test(words[0]),
  };
}

/** `Name=value`; '' for a flag only the CLI has; undefined where boto3 has no equivalent. */
function keywordArgument(service: string, command: string, [flag, value]: CliOption): string | undefined {
  if (CLI_ONLY_FLAGS.has(flag)) return '';
  if (!flag.startsWith('--')) return undefined;
  // The CLI's --zip-file takes the archive's bytes for create-function's Code.ZipFile
  // (AWS CLI reference, lambda create-function: "--zip-file (blob) … in lieu of --code").
  if (flag === '--zip-file' && command === 'create-function' && value !== undefined) return `Code={'ZipFile': ${pythonValue(value)}}`;
  // A boolean parameter is a flag alone: --auto-deploy, or --no-auto-deploy for false.
  if (value === undefined) {
    const negated = flag.startsWith('--no-');
    return `${parameterName(service, negated ? `--${flag.slice(5)}` : flag)}=${negated ? 'False' : 'True'}`;
  }
  return `${parameterName(service, flag)}=${pythonValue(value)}`;
}

/** `--query` is text, or a template when it names a variable. */
const queryOption = (value: Value | undefined): string | Template | undefined =>
  typeof value === 'string' || Array.isArray(value) ? (value as string | Template) : undefined;

/** The value an `--output text` capture prints: a plain path indexes the answer, anything else is JMESPath (boto3 depends on it). */
function queried(call: string, query: string | Template, textOutput: boolean, uses: Set<string>): string {
  if (typeof query === 'string' && /^[A-Za-z]\w*(\.[A-Za-z]\w*)*$/.test(query))
    return `${call}${query
      .split('.')
      .map((member) => `[${pythonString(member)}]`)
      .join('')}`;
  uses.add('import jmespath');
  // A projection prints its one match bare under --output text; `| [0]` takes that match.
  const text = typeof query === 'string' ? query : query.filter((part) => typeof part === 'string').join('');
  const single = textOutput && /\[(\?|\*|\])/.test(text) ? [query, ' | [0]'].flat() : [query].flat();
  const expression = single.every((part) => typeof part === 'string') ? pythonString(single.join('')) : fString(single);
  return `jmespath.search(${expression}, ${call})`;
}

const indent = (text: string, prefix = '    ') =>
  text
    .split('\n')
    .map((line) => (line ? prefix + line : line))
    .join('\n');

/** The script as a Python program with boto3, or undefined when a line has no boto3 equivalent. */
export function renderBoto3(script: Script): string | undefined {
  const uses = new Set<string>();
  const clients = new Map<string, Call>();
  const body: string[] = [];
  const callFor = (command: Command) => {
    const call = callOf(command, uses);
    if (call && !clients.has(call.service)) clients.set(call.service, call);
    return call;
  };
  const lineText = (line: Line): string | undefined => {
    switch (line.kind) {
      case 'run': {
        const call = callFor(line.command);
        if (!call || line.then) return undefined;
        if (call.query) return `print(${queried(call.text, call.query, call.textOutput, uses)})`;
        if (!call.reads) return call.text;
        uses.add('from pprint import pprint');
        return `pprint(${call.text})`;
      }
      case 'capture': {
        const call = callFor(line.command);
        if (!call?.query) return undefined;
        const value = queried(call.text, call.query, call.textOutput, uses);
        return `${pythonName(line.name)} = ${line.then ? `${value} + ${fString(line.then)}` : value}`;
      }
      case 'set':
        return `${pythonName(line.name)} = ${pythonString(line.value)}`;
      case 'env':
        uses.add('import os');
        return `os.environ[${pythonString(line.name)}] = ${pythonString(line.value)}`;
      case 'print':
        return `print(${pythonName(line.name)})`;
      case 'comment':
        return `# ${line.text}`;
      case 'blank':
        return '';
      case 'commented': {
        const call = callOf(line.command, uses);
        return call && indent(call.text, '# ');
      }
      case 'each': {
        const call = callFor(line.command);
        if (!call) return undefined;
        return `for ${pythonName(line.name)} in [${line.values.map(pythonString).join(', ')}]:\n${indent(call.text)}`;
      }
      case 'until': {
        const call = callFor(line.command);
        if (!call?.query) return undefined;
        uses.add('import time');
        return `while ${queried(call.text, call.query, call.textOutput, uses)} != ${pythonString(line.value)}:\n    time.sleep(${line.seconds})`;
      }
      case 'native': {
        // Its imports go with the program's others, at the top.
        const lines = line.python?.split('\n');
        lines?.filter((l) => /^(import|from) /.test(l)).forEach((l) => uses.add(l));
        return lines?.filter((l) => !/^(import|from) /.test(l)).join('\n');
      }
    }
  };
  for (const line of script) {
    const text = lineText(line);
    if (text === undefined) return undefined;
    body.push(text);
  }
  const setup = [...clients.values()].map(({ service, region, endpointUrl }) => {
    const options = [
      pythonString(service),
      ...(region ? [`region_name=${pythonString(region)}`] : []),
      ...(endpointUrl ? [`endpoint_url=${pythonString(endpointUrl)}`] : []),
    ];
    return `${clientName(service)} = boto3.client(${options.join(', ')})`;
  });
  const imports = ['import boto3', ...[...uses].sort((a, b) => Number(a.startsWith('from')) - Number(b.startsWith('from')) || a.localeCompare(b))];
  return [...imports, '', ...setup, '', ...body].join('\n');
}

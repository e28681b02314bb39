// Shell scripts as data, rendered for bash/zsh, PowerShell and cmd.exe: the same commands,
// each shell's quoting, variables and line continuation. Sources for the rules:
// - bash: GNU Bash manual, 3.1.2 Quoting; 3.5.3 Shell Parameter Expansion.
// - PowerShell: about_Quoting_Rules, about_Parsing, about_Special_Characters (backtick),
//   and, for native commands, about_Parsing "Passing arguments that contain quote characters"
//   ($PSNativeCommandArgumentPassing, 7.3+).
// - cmd.exe: Microsoft "Parsing C command-line arguments" (what aws.exe's C runtime makes of
//   its command line), `for /?`, `set /?`; SS64 "Escape Characters, Delimiters and Quotes".
// - AWS: "Using quotation marks and literals with strings in the AWS CLI" and "Loading
//   AWS CLI parameters from a file" (docs.aws.amazon.com/cli/latest/userguide/).

export type Shell = 'bash' | 'powershell' | 'cmd';

/** Tab labels, the same words as the chapters' `<TabItem label>` in `<Tabs syncKey="shell">`. */
export const SHELL_LABELS: Readonly<Record<Shell, string>> = { bash: 'bash', powershell: 'PowerShell', cmd: 'cmd' };
export const SHELLS = Object.keys(SHELL_LABELS) as Shell[];

/** A variable an earlier line of the script set, such as API_ID. */
export interface Variable {
  readonly variable: string;
}
export const variable = (name: string): Variable => ({ variable: name });

/** Text with variables in it, e.g. `['integrations/', variable('INTEGRATION_ID')]`: one word. */
export type Template = readonly (string | Variable)[];

/**
 * A structure or list for an AWS parameter, as data: JSON on the command line, or the AWS CLI's
 * shorthand `Key=value,Key=value` for a flat structure ("Using shorthand syntax with the AWS
 * CLI"); boto3.ts writes it as a Python literal.
 */
export interface Structured {
  readonly structured: unknown;
  readonly shorthand?: boolean;
}
export const json = (data: unknown): Structured => ({ structured: data });
/** A flat structure, or a list of them (the CLI takes a one-item list as its item alone). */
type Flat = Readonly<Record<string, string | number>>;
export const shorthand = (data: Flat | readonly Flat[]): Structured => ({ structured: data, shorthand: true });

export type Value = string | number | Variable | Template | Structured;

/** `--flag value`; a flag without a value (e.g. --no-auto-deploy, or an operand such as response.json) stands alone; an empty flag is a quoted operand. */
export type CliOption = readonly [flag: string, value?: Value];

/** A program (the same in every shell, or named per shell) and its fixed words on the first line, then an option per line. */
export interface Command {
  readonly words: readonly [program: string | Readonly<Record<Shell, string>>, ...words: string[]];
  readonly options: readonly CliOption[];
  /** The option that reads a value from a file instead, where the shell cannot pass it inline: the AWS CLI's `file://` unless said otherwise. */
  readonly fromFile?: (flag: string, file: string) => CliOption;
}

export type Line =
  | { readonly kind: 'run'; readonly command: Command; /** Text after the command, per shell, e.g. a pipe. */ readonly then?: Readonly<Record<Shell, string>> }
  /** NAME=$(command)…: the command's output, with `then` appended, e.g. a path. */
  | { readonly kind: 'capture'; readonly name: string; readonly command: Command; readonly then?: Template }
  | { readonly kind: 'set'; readonly name: string; readonly value: string }
  /** An environment variable for the programs run after it. */
  | { readonly kind: 'env'; readonly name: string; readonly value: string }
  | { readonly kind: 'print'; readonly name: string }
  | { readonly kind: 'comment'; readonly text: string }
  | { readonly kind: 'blank' }
  /** A command shown as a comment: one to run instead in another situation. */
  | { readonly kind: 'commented'; readonly command: Command }
  | { readonly kind: 'each'; readonly name: string; readonly values: readonly string[]; readonly command: Command }
  /** `command` (one value, `--output text`) run again every `seconds` until it prints `value`: a wait the AWS CLI has no waiter for. */
  | { readonly kind: 'until'; readonly command: Command; readonly value: string; readonly seconds: number }
  /** Lines that differ by more than quoting, written per shell with `quoteFor`; '' is no line. `python` is the same for boto3.ts. */
  | { readonly kind: 'native'; readonly text: Readonly<Record<Shell, string>>; readonly python?: string };

export type Script = readonly Line[];

export const isVariable = (value: Value): value is Variable => typeof value === 'object' && 'variable' in value;
export const isStructured = (value: Value): value is Structured => typeof value === 'object' && 'structured' in value;

function structuredText({ structured, shorthand }: Structured): string {
  const list = Array.isArray(structured) ? (structured as unknown[]) : undefined;
  const flat = list ? (list.length === 1 ? list[0] : undefined) : structured;
  if (!shorthand || flat === undefined) return JSON.stringify(structured);
  return Object.entries(flat as Record<string, unknown>)
    .map(([key, value]) => `${key}=${String(value)}`)
    .join(',');
}

/** How one shell writes words and lines. */
interface Dialect {
  /** A literal as one word. */
  quote(text: string): string;
  /** A variable or a template as one word; `loop` is the name of an enclosing loop's variable. */
  expand(value: Variable | Template, loop?: string): string;
  /** Appended to a line that goes on. */
  readonly continuation: string;
  /** For a value the shell cannot pass inline: the line that writes it to `file`. */
  writeFile?(file: string, text: string): string | undefined;
  capture(name: string, command: string, then: string): string;
  set(name: string, value: string): string;
  env(name: string, value: string): string;
  print(name: string): string;
  readonly comment: string;
  each(name: string, values: readonly string[], command: string): string;
  until(command: string, value: string, seconds: number): string;
}

// bash. Single quotes keep everything; inside double quotes only $ ` " \ act (Bash manual 3.1.2.2–3).
const BASH_SAFE = /^[A-Za-z0-9_@%+=:,./-]+$/;
const bashDoubleQuoted = (text: string) => text.replace(/[$"\\`]/g, '\\$&');
const bashSingleQuoted = (text: string) => `'${text.replaceAll("'", `'\\''`)}'`;

/** A literal as one bash word: bare when nothing in it is special, else double-quoted when it holds `'` (more readable), else single-quoted. */
export function shellQuote(text: string): string {
  if (BASH_SAFE.test(text)) return text;
  if (text.includes("'") && !text.includes('"')) return `"${bashDoubleQuoted(text)}"`;
  return bashSingleQuoted(text);
}

/** `"…$NAME…"`, braces only where the next character would lengthen the name. */
function interpolate(parts: Template, escape: (text: string) => string, reference: (name: string, braced: boolean) => string, nameChar: RegExp): string {
  return parts
    .map((part, i) => {
      if (typeof part === 'string') return escape(part);
      const next = parts[i + 1];
      return reference(part.variable, typeof next === 'string' && nameChar.test(next.charAt(0)));
    })
    .join('');
}

const bash: Dialect = {
  quote: shellQuote,
  expand: (value) =>
    `"${interpolate(isVariable(value) ? [value] : value, bashDoubleQuoted, (name, braced) => (braced ? `\${${name}}` : `$${name}`), /[A-Za-z0-9_]/)}"`,
  continuation: ' \\',
  capture: (name, command, then) => (then ? `${name}="$(${command})${then.slice(1, -1)}"` : `${name}=$(${command})`),
  set: (name, value) => `${name}=${shellQuote(value)}`,
  // Always quoted, as the credentials it mostly carries are pasted and read back (credentials-parse.ts).
  env: (name, value) => `export ${name}=${bashSingleQuoted(value)}`,
  print: (name) => `echo "$${name}"`,
  comment: '# ',
  each: (name, values, command) => [`for ${name} in ${values.map(shellQuote).join(' ')}; do`, indent(command), 'done'].join('\n'),
  until: (command, value, seconds) => [`until [ "$(${command})" = ${shellQuote(value)} ]; do`, `  sleep ${seconds}`, 'done'].join('\n'),
};

// PowerShell. Single-quoted strings are verbatim; a quote inside is doubled, and the
// typographic quotes ‘ ’ ‚ ‛ count as single quotes too (about_Quoting_Rules). In double
// quotes, backtick escapes ` $ " and the typographic double quotes (about_Special_Characters).
// A bare argument must avoid , (array), @ (splatting), ; { } ( ) and the like (about_Parsing).
const PS_SAFE = /^[A-Za-z0-9_+=:./-]+$/;
const psSingleQuoted = (text: string) => `'${text.replace(/['‘’‚‛]/g, '$&$&')}'`;
const psDoubleQuoted = (text: string) => text.replace(/[`$"“”„]/g, '`$&');

/** A literal as one PowerShell word. */
export function powershellQuote(text: string): string {
  if (PS_SAFE.test(text)) return text;
  if (/['‘’‚‛]/.test(text) && !/[`$"“”„]/.test(text)) return `"${text}"`;
  return psSingleQuoted(text);
}

// JSON holds double quotes, and PowerShell before 7.3 passes a native command's argument
// '{"a":1}' as {a:1}, while 7.3+ passes it intact (about_Parsing; AWS CLI quoting page), so no
// inline form works in both; nor for an empty string, which 5.1 drops. Every AWS CLI parameter can be read from a file instead
// (file://, "Loading AWS CLI parameters from a file"); Set-Content is a cmdlet, which gets the
// text unchanged. Non-ASCII is written as \u escapes so the file reads the same in 5.1 (ANSI)
// and 7 (UTF-8) and by the AWS CLI, which reads it in the system's encoding.
const asciiJson = (text: string) => text.replace(/[^\x20-\x7e]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
const isJson = (text: string) => {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
};

const powershell: Dialect = {
  quote: powershellQuote,
  expand: (value) =>
    isVariable(value)
      ? `$${value.variable}`
      : `"${interpolate(value, psDoubleQuoted, (name, braced) => (braced ? `\${${name}}` : `$${name}`), /[A-Za-z0-9_:?]/)}"`,
  continuation: ' `',
  writeFile: (file, text) =>
    text === '' || /["“”„]/.test(text) ? `Set-Content -NoNewline ${file} ${psSingleQuoted(isJson(text) ? asciiJson(text) : text)}` : undefined,
  capture: (name, command, then) => `$${name} = ${then ? `(${command}) + ${then}` : command}`,
  set: (name, value) => `$${name} = ${psSingleQuoted(value)}`,
  env: (name, value) => `$env:${name} = ${psSingleQuoted(value)}`,
  print: (name) => `$${name}`,
  comment: '# ',
  each: (name, values, command) => [`foreach ($${name} in ${values.map(powershellQuote).join(', ')}) {`, indent(command), '}'].join('\n'),
  until: (command, value, seconds) => [`while ((${command}) -ne ${psSingleQuoted(value)}) {`, `  Start-Sleep -Seconds ${seconds}`, '}'].join('\n'),
};

// cmd.exe hands aws.exe its command line as typed; aws.exe's C runtime splits it: "…" groups,
// \" is a literal quote, backslashes double only before a quote ("Parsing C command-line
// arguments"). cmd itself sees every " as opening or closing a quoted run and, outside one,
// acts on & | < > ( ) ^ unless ^ escapes them (SS64). `%NAME%` is expanded even inside quotes
// and has no escape on the interactive command line; `!` only with delayed expansion (off by default).
const CMD_SAFE = /^[A-Za-z0-9_@$+:./-]+$/;
const CMD_SPECIAL = /[&|<>()^]/;

/**
 * A literal as one cmd word that aws.exe reads back unchanged: quoted for the runtime, then
 * ^ before what cmd would act on where its own count of " says it is outside quotes; the
 * closing quote is ^" when that count would otherwise leave the rest of the line inside.
 */
export function cmdQuote(text: string): string {
  if (CMD_SAFE.test(text)) return text;
  const inner = text.replace(/(\\*)"/g, '$1$1\\"').replace(/(\\+)$/, '$1$1');
  let quoted = true;
  let out = '"';
  for (const c of inner) {
    if (c === '"') quoted = !quoted;
    out += !quoted && CMD_SPECIAL.test(c) ? `^${c}` : c;
  }
  return out + (quoted ? '"' : '^"');
}

const cmdLoopVariable = (name: string) => `%${name.charAt(0)}`;

const cmd: Dialect = {
  quote: cmdQuote,
  expand: (value, loop) => {
    const parts = isVariable(value) ? [value] : value;
    const reference = (name: string) => (name === loop ? `${cmdLoopVariable(name).replace('%', '%~')}` : `%${name}%`);
    return `"${parts.map((part) => (typeof part === 'string' ? part.replace(/(\\*)"/g, '$1$1\\"') : reference(part.variable))).join('')}"`;
  },
  continuation: ' ^',
  // Typed at the prompt, not in a .bat file (where %i would be %%i).
  capture: (name, command, then) => `for /f "delims=" %i in ('${command}') do set "${name}=%i${then.slice(1, -1)}"`,
  set: (name, value) => `set "${name}=${value}"`,
  env: (name, value) => `set "${name}=${value}"`,
  print: (name) => `echo %${name}%`,
  comment: 'rem ',
  each: (name, values, command) => `for ${cmdLoopVariable(name)} in (${values.map(cmdQuote).join(' ')}) do ${command}`,
  // The prompt has no loop that ends on a condition (`goto` needs a batch file): the student runs it again.
  until: (command, value) => `rem Run this again until it prints ${value}:\n${command}`,
};

const DIALECTS: Readonly<Record<Shell, Dialect>> = { bash, powershell, cmd };

const awsFileOption = (flag: string, file: string): CliOption => [flag, `file://${file}`];

/** A literal as one word of that shell, for `native` lines. */
export const quoteFor = (shell: Shell, text: string): string => DIALECTS[shell].quote(text);

const indent = (text: string) =>
  text
    .split('\n')
    .map((line) => `  ${line}`)
    .join('\n');

function renderCommand(shell: Shell, command: Command, loop?: string): { before: string[]; text: string } {
  const dialect = DIALECTS[shell];
  const before: string[] = [];
  const word = (value: Exclude<Value, Structured>) =>
    typeof value === 'number' ? String(value) : typeof value === 'string' ? dialect.quote(value) : dialect.expand(value, loop);
  const option = ([flag, given]: CliOption): string => {
    if (given === undefined) return flag;
    const value = isStructured(given) ? structuredText(given) : given;
    const file = `${flag.replace(/^-+/, '') || 'value'}.json`;
    const writing = typeof value === 'string' ? dialect.writeFile?.(file, value) : undefined;
    if (writing) {
      before.push(writing);
      return option((command.fromFile ?? awsFileOption)(flag, file));
    }
    return flag === '' ? word(value) : `${flag} ${word(value)}`;
  };
  const [program, ...words] = command.words;
  const head = [typeof program === 'string' ? program : program[shell], ...words.map((w) => dialect.quote(w))].join(' ');
  const lines = command.options.map(option);
  return { before, text: [head, ...lines].join(`${dialect.continuation}\n  `) };
}

function renderLine(shell: Shell, line: Line): string[] {
  const dialect = DIALECTS[shell];
  switch (line.kind) {
    case 'run': {
      const { before, text } = renderCommand(shell, line.command);
      return [...before, text + (line.then?.[shell] ?? '')];
    }
    case 'capture': {
      const { before, text } = renderCommand(shell, line.command);
      return [...before, dialect.capture(line.name, text, line.then ? dialect.expand(line.then) : '')];
    }
    case 'set':
      return [dialect.set(line.name, line.value)];
    case 'env':
      return [dialect.env(line.name, line.value)];
    case 'print':
      return [dialect.print(line.name)];
    case 'comment':
      return [dialect.comment + line.text];
    case 'blank':
      return [''];
    case 'commented':
      return renderCommand(shell, line.command)
        .text.split('\n')
        .map((l) => dialect.comment + l);
    case 'each': {
      const { before, text } = renderCommand(shell, line.command, line.name);
      return [...before, dialect.each(line.name, line.values, text)];
    }
    case 'until': {
      const { before, text } = renderCommand(shell, line.command);
      return [...before, dialect.until(text, line.value, line.seconds)];
    }
    case 'native':
      return line.text[shell] === '' ? [] : [line.text[shell]];
  }
}

/** The script as text to paste into that shell. */
export function renderScript(script: Script, shell: Shell): string {
  return script.flatMap((line) => renderLine(shell, line)).join('\n');
}

export const run = (command: Command, then?: Readonly<Record<Shell, string>>): Line => ({ kind: 'run', command, then });
export const capture = (name: string, command: Command, then?: Template): Line => ({ kind: 'capture', name, command, then });
export const comment = (text: string): Line => ({ kind: 'comment', text });

// The shell renderings against each shell's rules: bash for real (a fake `aws` prints the argv
// it got), PowerShell and cmd.exe through small models of their documented parsing, as neither
// runs here (no pwsh on this machine; cmd needs Windows).
import { execFile } from 'node:child_process';
import { chmod, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, test } from 'vitest';
import { cmdQuote, powershellQuote, renderScript, shellQuote, variable, type CliOption, type Script } from '../../src/steps/shells.ts';

const TRICKY = [
  'plain',
  'with space',
  "it's",
  'say "hi"',
  '$HOME and `date` and $(date)',
  '50% off',
  'a & b | c < d > e; f',
  'caret ^ here',
  '(parens) {braces} [brackets]',
  'back\\slash',
  'trailing backslash\\',
  'backslash before quote \\"',
  '',
  '‘smart’ “quotes” ‚low‛ „low“',
  'comma,separated,@at,#hash',
  'ünïcode é',
  '-5',
  JSON.stringify({ thingID: { S: 'Bob\'s "lamp" & 50% \\ ^' }, n: { N: '3' } }),
];

const command = (options: readonly CliOption[]): Script => [{ kind: 'run', command: { words: ['aws', 'test'], options } }];
const optionsOf = (values: readonly string[]): CliOption[] => values.map((value, i) => [`--v${i}`, value]);
const argvOf = (values: readonly string[]) => ['test', ...values.flatMap((value, i) => [`--v${i}`, value])];

describe('bash, run for real', () => {
  let env: NodeJS.ProcessEnv;
  beforeAll(async () => {
    const bin = await mkdtemp(join(tmpdir(), 'labbook-shells-'));
    await writeFile(join(bin, 'aws'), '#!/usr/bin/env python3\nimport json, sys\nprint(json.dumps(sys.argv[1:]))\n');
    await chmod(join(bin, 'aws'), 0o755);
    env = { PATH: `${bin}:/usr/bin:/bin`, HOME: '/nonexistent' };
  });
  const bash = async (script: Script) =>
    (await promisify(execFile)('bash', ['-e', '-c', renderScript(script, 'bash')], { env })).stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));

  test('every value reaches aws as the one argument it was', async () => {
    expect(await bash(command(optionsOf(TRICKY)))).toEqual([argvOf(TRICKY)]);
  });

  test('variables: set, captured, in templates and looped over', async () => {
    const script: Script = [
      { kind: 'set', name: 'STAGE', value: "it's $x" },
      { kind: 'capture', name: 'OUT', command: { words: ['aws', 'one'], options: [['--a', 'b c']] }, then: ['/', variable('STAGE'), '/'] },
      {
        kind: 'each',
        name: 'ROUTE',
        values: ['GET /', '$default'],
        command: {
          words: ['aws', 'two'],
          options: [
            ['--key', variable('ROUTE')],
            ['--target', ['x/', variable('OUT'), 'y']],
          ],
        },
      },
      { kind: 'run', command: { words: ['aws', 'three'], options: [['--stage', variable('STAGE')]] } },
    ];
    const out = '["one", "--a", "b c"]' + "/it's $x/";
    expect(await bash(script)).toEqual([
      ['two', '--key', 'GET /', '--target', `x/${out}y`],
      ['two', '--key', '$default', '--target', `x/${out}y`],
      ['three', '--stage', "it's $x"],
    ]);
  });

  test('until: the command again, a pause apart, until it prints the value', async () => {
    // A fake `aws` that answers Creating twice, then Enabled, counting its calls in a file beside it.
    const bin = await mkdtemp(join(tmpdir(), 'labbook-shells-until-'));
    await writeFile(
      join(bin, 'aws'),
      '#!/bin/sh\nn=$(($(cat "$0.calls" 2>/dev/null || echo 0) + 1))\necho $n > "$0.calls"\n[ $n -ge 3 ] && echo Enabled || echo Creating\n',
    );
    await chmod(join(bin, 'aws'), 0o755);
    const script: Script = [{ kind: 'until', command: { words: ['aws', 'x'], options: [['--uuid', variable('UUID')]] }, value: 'Enabled', seconds: 0 }];
    await promisify(execFile)('bash', ['-e', '-c', renderScript(script, 'bash')], { env: { PATH: `${bin}:/usr/bin:/bin` } });
    expect((await readFile(join(bin, 'aws.calls'), 'utf8')).trim()).toBe('3');
  });

  test('words: bare when plain, double quotes around a single quote, single quotes otherwise', () => {
    expect(shellQuote('us-east-1')).toBe('us-east-1');
    expect(shellQuote("Items[?Name=='x'].ApiId")).toBe(`"Items[?Name=='x'].ApiId"`);
    expect(shellQuote(`it's "x"`)).toBe(`'it'\\''s "x"'`);
    expect(shellQuote('')).toBe("''");
  });
});

// PowerShell, as about_Quoting_Rules and about_Parsing describe it: '…' verbatim with a quote
// doubled (typographic single quotes count as quotes); "…" expands $NAME and ${NAME}, and a
// backtick escapes the next character; a bare word is taken as is, or a variable's value.
// Arguments reach the program as these words (7.3+ "Standard" passing).
const PS_SINGLE = /['‘’‚‛]/;
const PS_DOUBLE = /["“”„]/;
function powershellWords(line: string, vars: Record<string, string>): string[] {
  const words: string[] = [];
  let i = 0;
  while (i < line.length) {
    while (line[i] === ' ') i++;
    if (i >= line.length) break;
    let word = '';
    while (i < line.length && line[i] !== ' ') {
      const c = line[i];
      if (PS_SINGLE.test(c)) {
        for (i++; ; i++) {
          if (i >= line.length) throw new Error(`unterminated '…' in ${line}`);
          if (PS_SINGLE.test(line[i])) {
            if (!PS_SINGLE.test(line[i + 1] ?? '')) break;
            word += line[++i];
          } else word += line[i];
        }
        i++;
      } else if (PS_DOUBLE.test(c)) {
        for (i++; !PS_DOUBLE.test(line[i]); i++) {
          if (i >= line.length) throw new Error(`unterminated "…" in ${line}`);
          if (line[i] === '`') word += line[++i];
          else if (line[i] === '$') {
            const m = /^\$(?:\{(\w+)\}|(\w+))/.exec(line.slice(i))!;
            word += vars[m[1] ?? m[2]];
            i += m[0].length - 1;
          } else word += line[i];
        }
        i++;
      } else if (c === '$' && word === '') {
        const m = /^\$(\w+)/.exec(line.slice(i))!;
        word += vars[m[1]];
        i += m[0].length;
      } else {
        if (/[,;@{}()|&<>#`"]/.test(c)) throw new Error(`bare ${c} in ${line}`);
        word += c;
        i++;
      }
    }
    words.push(word);
  }
  return words;
}

/** What aws receives from a PowerShell rendering of `aws test …`, with file:// values read from the files written before it. */
function powershellArgv(text: string, vars: Record<string, string> = {}): string[] {
  const files = new Map<string, string>();
  const lines = text.replace(/ `\n/g, ' ').split('\n');
  const argvs = lines.map((line) => powershellWords(line, vars));
  for (const [cmdlet, flag, file, content] of argvs.slice(0, -1)) {
    expect([cmdlet, flag]).toEqual(['Set-Content', '-NoNewline']);
    files.set(`file://${file}`, content);
  }
  const argv = argvs.at(-1)!;
  expect(argv[0]).toBe('aws');
  // Windows PowerShell 5.1 drops an empty argument and strips the " inside one: none may be passed inline.
  for (const word of argv) expect(word === '' || PS_DOUBLE.test(word), word).toBe(false);
  return argv.slice(1).map((word) => files.get(word) ?? word);
}

describe('PowerShell, by its documented rules', () => {
  test('every value reaches aws as the one argument it was, JSON and empty ones through a file', () => {
    const text = renderScript(command(optionsOf(TRICKY)), 'powershell');
    const json = TRICKY.at(-1)!;
    const asWritten = (value: string) => (value === json ? JSON.stringify(JSON.parse(value)) : value);
    expect(powershellArgv(text)).toEqual(argvOf(TRICKY.map(asWritten)));
    // Non-ASCII JSON is written as \u escapes: the same file in 5.1 (ANSI) and 7 (UTF-8).
    expect(renderScript(command([['--item', '{"S":"é"}']]), 'powershell')).toMatch(/^Set-Content -NoNewline item\.json '\{"S":"\\u00e9"\}'\n/);
  });

  test('lines go on with a backtick; variables are PowerShell variables', () => {
    const script: Script = [
      { kind: 'set', name: 'STAGE', value: 'prod' },
      { kind: 'capture', name: 'URL', command: { words: ['aws', 'x'], options: [['--id', variable('API_ID')]] }, then: ['/', variable('STAGE'), '/'] },
      { kind: 'each', name: 'ROUTE', values: ['GET /', '$connect'], command: { words: ['aws', 'y'], options: [['--key', variable('ROUTE')]] } },
      { kind: 'env', name: 'AWS_DEFAULT_REGION', value: 'us-east-1' },
      { kind: 'print', name: 'URL' },
    ];
    expect(renderScript(script, 'powershell')).toBe(
      [
        "$STAGE = 'prod'",
        '$URL = (aws x `',
        '  --id $API_ID) + "/$STAGE/"',
        "foreach ($ROUTE in 'GET /', '$connect') {",
        '  aws y `',
        '    --key $ROUTE',
        '}',
        "$env:AWS_DEFAULT_REGION = 'us-east-1'",
        '$URL',
      ].join('\n'),
    );
    expect(powershellArgv(renderScript(command([['--arn', ['arn:x:', variable('API_ID'), ':a/$b`']]]), 'powershell'), { API_ID: 'abc' })).toEqual([
      'test',
      '--arn',
      'arn:x:abc:a/$b`',
    ]);
  });

  test('until: a while loop around the command, Start-Sleep between', () => {
    const script: Script = [{ kind: 'until', command: { words: ['aws', 'x'], options: [['--uuid', variable('UUID')]] }, value: 'Enabled', seconds: 2 }];
    expect(renderScript(script, 'powershell')).toBe(['while ((aws x `', "  --uuid $UUID) -ne 'Enabled') {", '  Start-Sleep -Seconds 2', '}'].join('\n'));
  });

  test('words: bare when plain; a , @ or space is quoted', () => {
    expect(powershellQuote('AttributeName=id,KeyType=HASH')).toBe("'AttributeName=id,KeyType=HASH'");
    expect(powershellQuote('@file')).toBe("'@file'");
    expect(powershellQuote("Items[?Name=='x'].ApiId")).toBe(`"Items[?Name=='x'].ApiId"`);
    expect(powershellQuote("it's $x")).toBe("'it''s $x'");
  });
});

// cmd.exe and the C runtime aws.exe starts with. cmd (phase 1) expands %NAME% of defined
// variables; then (phase 2) every " opens or closes a quoted run, and outside one ^ escapes the
// next character while & | < > ( ) would split or redirect the command. The runtime splits the
// rest into argv ("Parsing C command-line arguments"): whitespace separates, "…" groups,
// 2n backslashes + " give n and a quote mark, 2n+1 give n and a literal ".
function cmdArgv(text: string, vars: Record<string, string> = {}): string[] {
  const joined = text.replace(/\^\n/g, '').replace(/%(\w+)%/g, (all, name: string) => vars[name] ?? all);
  let line = '';
  let quoted = false;
  for (let i = 0; i < joined.length; i++) {
    const c = joined[i];
    if (c === '"') quoted = !quoted;
    if (!quoted && c === '^') line += joined[++i];
    else if (!quoted && /[&|<>()]/.test(c)) throw new Error(`unescaped ${c} outside quotes at ${i} in ${joined}`);
    else line += c;
  }
  const argv: string[] = [];
  let word: string | undefined;
  quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (c === '\\') {
      const run = /^\\+/.exec(line.slice(i))![0].length;
      i += run;
      if (line[i] === '"') {
        word = (word ?? '') + '\\'.repeat(Math.floor(run / 2)) + (run % 2 ? '"' : '');
        if (run % 2 === 0) quoted = !quoted;
      } else {
        word = (word ?? '') + '\\'.repeat(run);
        i--;
      }
    } else if (c === '"') {
      word ??= '';
      if (quoted && line[i + 1] === '"') {
        word += '"';
        i++;
        quoted = false;
      } else quoted = !quoted;
    } else if (!quoted && (c === ' ' || c === '\t')) {
      if (word !== undefined) argv.push(word);
      word = undefined;
    } else word = (word ?? '') + c;
  }
  if (word !== undefined) argv.push(word);
  expect(argv[0]).toBe('aws');
  return argv.slice(1);
}

describe('cmd.exe, by its documented rules', () => {
  test('every value reaches aws as the one argument it was', () => {
    expect(cmdArgv(renderScript(command(optionsOf(TRICKY)), 'cmd'))).toEqual(argvOf(TRICKY));
  });

  test('words: bare when plain, else "…" with \\" inside and ^ before what cmd would act on outside its quoted runs', () => {
    expect(cmdQuote('us-east-1')).toBe('us-east-1');
    expect(cmdQuote('with space')).toBe('"with space"');
    expect(cmdQuote('')).toBe('""');
    expect(cmdQuote('{"S":"a & b"}')).toBe('"{\\"S\\":\\"a ^& b\\"}"');
    expect(cmdQuote('tail\\')).toBe('"tail\\\\"');
  });

  test('until: the prompt has no such loop, so the student is told to run the command again', () => {
    const script: Script = [{ kind: 'until', command: { words: ['aws', 'x'], options: [['--uuid', variable('UUID')]] }, value: 'Enabled', seconds: 2 }];
    expect(renderScript(script, 'cmd')).toBe(['rem Run this again until it prints Enabled:', 'aws x ^', '  --uuid "%UUID%"'].join('\n'));
  });

  test('lines go on with ^; variables are %NAME%, captured with for /f at the prompt', () => {
    const script: Script = [
      { kind: 'set', name: 'STAGE', value: 'prod' },
      { kind: 'capture', name: 'URL', command: { words: ['aws', 'x'], options: [['--id', variable('API_ID')]] }, then: ['/', variable('STAGE'), '/'] },
      { kind: 'each', name: 'ROUTE', values: ['GET /', '$connect'], command: { words: ['aws', 'y'], options: [['--key', variable('ROUTE')]] } },
      { kind: 'print', name: 'URL' },
      { kind: 'comment', text: 'done' },
    ];
    expect(renderScript(script, 'cmd')).toBe(
      [
        'set "STAGE=prod"',
        `for /f "delims=" %i in ('aws x ^`,
        `  --id "%API_ID%"') do set "URL=%i/%STAGE%/"`,
        'for %R in ("GET /" $connect) do aws y ^',
        '  --key "%~R"',
        'echo %URL%',
        'rem done',
      ].join('\n'),
    );
    expect(cmdArgv(renderScript(command([['--arn', ['arn:x:', variable('API_ID'), '/*']]]), 'cmd'), { API_ID: 'abc' })).toEqual([
      'test',
      '--arn',
      'arn:x:abc/*',
    ]);
  });
});

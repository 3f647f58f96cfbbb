import { describe, expect, test } from 'vitest';
import { PSQL_OPTIONS } from '../../src/index.js';
import type { OptionSpec } from '../../src/index.js';

/** Short letters and arities of a getopt optstring (`c:` takes a value). */
function optstring(text: string): Record<string, 'none' | 'required'> {
  const letters: Record<string, 'none' | 'required'> = {};
  for (const [, letter, colon] of text.matchAll(/(.)(:?)/g)) letters[letter ?? ''] = colon === ':' ? 'required' : 'none';
  return letters;
}

/** Short letters and their arities; a short form never takes an optional value (`-?` vs `--help[=x]`). */
function shortForms(specs: readonly OptionSpec<string>[]): Record<string, string> {
  return Object.fromEntries(
    specs.flatMap((spec) => (spec.short === undefined ? [] : [[spec.short, spec.arity === 'required' ? 'required' : 'none']])),
  );
}

describe('PSQL_OPTIONS', () => {
  test("matches psql's getopt string exactly", () => {
    expect(shortForms(PSQL_OPTIONS)).toEqual(optstring('aAbc:d:eEf:F:h:HlL:no:p:P:qR:sStT:U:v:VwWxXz?01'));
  });

  test('classes every option as api.md §4.2 does', () => {
    const byClass: Record<string, string[]> = {};
    for (const spec of PSQL_OPTIONS) {
      const names = [...(spec.short === undefined ? [] : [`-${spec.short}`]), ...spec.long.map((name) => `--${name}`)];
      (byClass[spec.class] ??= []).push(...names);
    }
    expect(Object.fromEntries(Object.entries(byClass).map(([key, names]) => [key, names.sort()]))).toEqual({
      input: ['--command', '--file', '-c', '-f'],
      variable: ['--set', '--variable', '-v'],
      allowed: [
        '--csv', '--echo-all', '--echo-errors', '--echo-hidden', '--echo-queries', '--expanded', '--field-separator',
        '--field-separator-zero', '--html', '--no-align', '--no-password', '--no-psqlrc', '--no-readline', '--pset',
        '--quiet', '--record-separator', '--record-separator-zero', '--single-line', '--single-transaction',
        '--table-attr', '--tuples-only', '-0', '-1', '-A', '-E', '-F', '-H', '-P', '-R', '-S', '-T', '-X', '-a', '-b',
        '-e', '-n', '-q', '-t', '-w', '-x', '-z',
      ],
      connection: ['--database', '--dbname', '--host', '--port', '--username', '-U', '-d', '-h', '-p'],
      rejected: [
        '--help', '--list', '--log-file', '--output', '--password', '--single-step', '--version', '-?', '-L', '-V',
        '-W', '-l', '-o', '-s',
      ],
    });
  });
});

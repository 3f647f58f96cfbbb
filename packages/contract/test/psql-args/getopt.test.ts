import { describe, expect, test } from 'vitest';
import { getoptTokens, optionTable } from '../../src/psql-args/getopt.js';
import type { OptionSpec } from '../../src/psql-args/getopt.js';

const specs: OptionSpec<'x'>[] = [
  { short: 'a', long: ['all'], arity: 'none', class: 'x' },
  { short: 'c', long: ['command'], arity: 'required', class: 'x' },
  { long: ['help'], arity: 'optional', class: 'x' },
];
const table = optionTable(specs);
const [all, command, help] = specs;

function tokens(args: string[]) {
  return [...getoptTokens(args, table)];
}

describe('getoptTokens', () => {
  test('splits clusters and takes attached or next-item values, whatever they look like', () => {
    expect(tokens(['-aac', 'x', '-cy', '-c', '-a', '--command', '--all'])).toEqual([
      { kind: 'option', spec: all, written: '-a', index: 0 },
      { kind: 'option', spec: all, written: '-a', index: 0 },
      { kind: 'option', spec: command, written: '-c', index: 0, value: 'x', valueIndex: 1 },
      { kind: 'option', spec: command, written: '-c', index: 2, value: 'y', valueIndex: 2 },
      { kind: 'option', spec: command, written: '-c', index: 3, value: '-a', valueIndex: 4 },
      { kind: 'option', spec: command, written: '--command', index: 5, value: '--all', valueIndex: 6 },
    ]);
  });

  test('long options take =value (also empty), and optional values only after =', () => {
    expect(tokens(['--command=', '--help', 'x', '--help=y'])).toEqual([
      { kind: 'option', spec: command, written: '--command', index: 0, value: '', valueIndex: 0 },
      { kind: 'option', spec: help, written: '--help', index: 1 },
      { kind: 'positional', text: 'x', index: 2 },
      { kind: 'option', spec: help, written: '--help', index: 3, value: 'y', valueIndex: 3 },
    ]);
  });

  test('reports missing and unexpected values', () => {
    expect(tokens(['--all=1', '-ac'])).toEqual([
      { kind: 'option', spec: all, written: '--all', index: 0, problem: 'unexpected_value' },
      { kind: 'option', spec: all, written: '-a', index: 1 },
      { kind: 'option', spec: command, written: '-c', index: 1, problem: 'missing_value' },
    ]);
    expect(tokens(['--command'])).toEqual([
      { kind: 'option', spec: command, written: '--command', index: 0, problem: 'missing_value' },
    ]);
  });

  test('treats abbreviations and unknown letters as unknown, and continues inside a cluster', () => {
    expect(tokens(['--comm=x', '--al', '-zа😀'])).toEqual([
      { kind: 'unknown', written: '--comm', index: 0 },
      { kind: 'unknown', written: '--al', index: 1 },
      { kind: 'unknown', written: '-z', index: 2 },
      { kind: 'unknown', written: '-а', index: 2 },
      { kind: 'unknown', written: '-😀', index: 2 },
    ]);
  });

  test('bare words, "-", "" and everything after "--" are positional', () => {
    expect(tokens(['db', '-', '', '--', '-a'])).toEqual([
      { kind: 'positional', text: 'db', index: 0 },
      { kind: 'positional', text: '-', index: 1 },
      { kind: 'positional', text: '', index: 2 },
      { kind: 'positional', text: '--', index: 3 },
      { kind: 'positional', text: '-a', index: 4 },
    ]);
  });
});

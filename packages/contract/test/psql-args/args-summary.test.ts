import { describe, expect, test } from 'vitest';
import { argsSummary } from '../../src/index.js';

describe('argsSummary', () => {
  test('names the input as api.md shows it', () => {
    expect(argsSummary({ kind: 'file', path: '/w/app/schema.sql', index: 1 })).toBe('-f /w/app/schema.sql');
    expect(argsSummary({ kind: 'stdin', index: 1 })).toBe('-f -');
    expect(argsSummary({ kind: 'command', sql: 'insert into t values (1)', index: 3 })).toBe('-c insert into t values (1)');
  });

  test('cuts SQL longer than 200 characters, without splitting a character', () => {
    const exact = 'x'.repeat(200);
    expect(argsSummary({ kind: 'command', sql: exact, index: 0 })).toBe(`-c ${exact}`);
    const long = `${'😀'.repeat(199)}ab`;
    expect(argsSummary({ kind: 'command', sql: long, index: 0 })).toBe(`-c ${'😀'.repeat(199)}…`);
  });
});

import { describe, expect, test } from 'vitest';
import { shellJoin, shellQuote } from '../../src/index.js';

describe('shellQuote', () => {
  test('leaves safe words alone', () => {
    expect(['-f', '/w/app/a-1_b.sql', 'A=1', 'user@host:5432,x', '+%'].map(shellQuote)).toEqual([
      '-f',
      '/w/app/a-1_b.sql',
      'A=1',
      'user@host:5432,x',
      '+%',
    ]);
  });

  test('single-quotes everything else, writing a quote as \'\\\'\'', () => {
    expect(shellQuote('')).toBe("''");
    expect(shellQuote('a b')).toBe("'a b'");
    expect(shellQuote("it's")).toBe(`'it'\\''s'`);
    expect(shellQuote('"x"')).toBe(`'"x"'`);
    expect(shellQuote('tab\there')).toBe("'tab\there'");
    expect(shellQuote('$(rm -rf /)')).toBe("'$(rm -rf /)'");
    expect(shellQuote('café')).toBe("'café'");
  });

  test('shellJoin quotes and joins with spaces', () => {
    expect(shellJoin(['-c', 'select 1', '-f', '/a.sql'])).toBe("-c 'select 1' -f /a.sql");
  });
});

import { describe, expect, test } from 'vitest';
import { PGBENCH_OPTIONS } from '../../src/index.js';

describe('PGBENCH_OPTIONS', () => {
  test("matches pgbench's getopt string, plus -V and -? (honoured as the first item)", () => {
    const shorts = PGBENCH_OPTIONS.flatMap((spec) => (spec.short === undefined ? [] : [`${spec.short}${spec.arity === 'required' ? ':' : ''}`]));
    const expected = 'iI:h:nvp:dqb:SNc:j:Crs:t:T:U:lf:D:F:M:P:R:L:V?'.match(/.:?/g) ?? [];
    expect(shorts.sort()).toEqual(expected.sort());
  });

  test('only the connection flags api.md §6 lists are refused', () => {
    const refused = PGBENCH_OPTIONS.filter((spec) => spec.class === 'connection').flatMap((spec) => [
      ...(spec.short === undefined ? [] : [`-${spec.short}`]),
      ...spec.long.map((name) => `--${name}`),
    ]);
    expect(refused.sort()).toEqual(['--dbname', '--host', '--port', '--username', '-U', '-d', '-h', '-p']);
  });
});

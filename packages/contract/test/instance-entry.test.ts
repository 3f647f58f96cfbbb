import { describe, expect, test } from 'vitest';
import { InstanceEntry, ResetRequest, toErrorIssues } from '../src/index.js';
import { instanceEntry } from './fixtures.js';

describe('InstanceEntry', () => {
  test('accepts the §5.2 example', () => {
    expect(InstanceEntry.parse(instanceEntry)).toEqual(instanceEntry);
  });

  test('accepts an expired tombstone (§5.5)', () => {
    const tombstone = { ...instanceEntry, status: 'expired', name: null, dsn: null, host: null, port: null, runtime_id: null, connections: null };
    expect(InstanceEntry.parse(tombstone)).toEqual(tombstone);
  });
});

describe('ResetRequest', () => {
  test('accepts {}, null, 0 and the maximum ttl', () => {
    for (const body of [{}, { ttl_seconds: null }, { ttl_seconds: 0 }, { ttl_seconds: 2_592_000 }]) {
      expect(ResetRequest.parse(body)).toEqual(body);
    }
  });

  test('rejects unknown fields and out-of-range ttl', () => {
    const result = ResetRequest.safeParse({ ttl_seconds: -1, force: true });
    expect(result.success ? [] : toErrorIssues(result.error)).toEqual([
      { path: 'ttl_seconds', message: 'expected 0 (never expires) or 1..2592000 seconds' },
      { path: 'force', message: 'unknown field "force"' },
    ]);
  });
});

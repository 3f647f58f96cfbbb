import { expect, test } from 'vitest';
import { HealthResponse } from '../src/index.js';
import { I, TS } from './fixtures.js';

test('accepts the camelCase §3.1 example', () => {
  const body = { ok: true, version: '0.1.0', instanceId: I, pid: 4242, startedAt: TS };
  expect(HealthResponse.parse(body)).toEqual(body);
  expect(HealthResponse.safeParse({ ...body, instanceId: undefined, instance_id: I }).success).toBe(false);
});

import { expect, test } from 'vitest';
import { ConfigSetRequest, ConfigValue, toErrorIssues } from '../src/index.js';

test('ConfigValue accepts the §8 answers', () => {
  const bodies = [
    { path: 'cache.capacity.minStateAge', value: '10m' },
    { path: 'snapshot.backend', value: 'copy', restart_required: true },
  ];
  expect(bodies.map((body) => ConfigValue.parse(body))).toEqual(bodies);
});

test('ConfigSetRequest accepts any value, null included, and names missing parts', () => {
  expect(ConfigSetRequest.parse({ path: 'cache.capacity.maxBytes', value: null })).toEqual({ path: 'cache.capacity.maxBytes', value: null });
  const result = ConfigSetRequest.safeParse({ value: 1, extra: true });
  expect(result.success ? [] : toErrorIssues(result.error)).toEqual([
    { path: 'path', message: 'path is required' },
    { path: 'extra', message: 'unknown field "extra"' },
  ]);
  const noValue = ConfigSetRequest.safeParse({ path: 'log.level' });
  expect(noValue.success ? [] : toErrorIssues(noValue.error)).toEqual([{ path: 'value', message: 'value is required' }]);
});

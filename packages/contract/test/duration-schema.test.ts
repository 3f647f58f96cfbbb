import { expect, test } from 'vitest';
import { durationString } from '../src/index.js';

test('keeps the text as given and checks inclusive bounds', () => {
  const schema = durationString({ min: '200ms', max: '5s' });
  expect(schema.parse('0.2s')).toBe('0.2s');
  expect(schema.parse('5000ms')).toBe('5000ms');
  expect(schema.safeParse('5001ms').error?.issues.map((issue) => issue.message)).toEqual([
    'expected a Go duration between 200ms and 5s (e.g. 500ms, 10m, 1h30m), got 5.001s',
  ]);
  expect(schema.safeParse(500).success).toBe(false);
});

test('without bounds any Go duration passes', () => {
  expect(durationString().parse('-1h')).toBe('-1h');
  expect(durationString().safeParse('1 h').error?.issues.map((issue) => issue.message)).toEqual([
    'expected a Go duration (e.g. 500ms, 10m, 1h30m)',
  ]);
  expect(durationString({ max: '1h' }).safeParse('2h').error?.issues.map((issue) => issue.message)).toEqual([
    'expected a Go duration of at most 1h (e.g. 500ms, 10m, 1h30m), got 2h0m0s',
  ]);
});

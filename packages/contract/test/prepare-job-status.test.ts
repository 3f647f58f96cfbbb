import { expect, test } from 'vitest';
import { PrepareJobStatus } from '../src/index.js';
import { jobStatus } from './fixtures.js';

test('accepts the §4.6 example', () => {
  expect(PrepareJobStatus.parse(jobStatus)).toEqual(jobStatus);
});

test('accepts a cancelled running job with null tasks and an error (§4.7)', () => {
  const body = {
    ...jobStatus,
    status: 'failed',
    tasks: null,
    result: null,
    cancel_requested: true,
    error: { code: 'cancelled', message: 'job cancelled' },
  };
  expect(PrepareJobStatus.parse(body)).toEqual(body);
});

test('drops unknown response fields instead of failing, as clients ignore them', () => {
  expect(PrepareJobStatus.parse({ ...jobStatus, future_field: 1 })).toEqual(jobStatus);
});

import { describe, expect, test } from 'vitest';
import { PrepareJobAccepted, PrepareJobEntry, PrepareJobResult, toErrorIssues } from '../src/index.js';
import { I, J, RESOLVED, SIG, TS, jobResult } from './fixtures.js';

describe('prepare job shapes', () => {
  test('PrepareJobAccepted accepts the §4.4 answer', () => {
    const body = { job_id: J, status_url: `/v1/prepare-jobs/${J}`, events_url: `/v1/prepare-jobs/${J}/events`, status: 'queued' };
    expect(PrepareJobAccepted.parse(body)).toEqual(body);
  });

  test('PrepareJobEntry accepts the §4.5 example', () => {
    const body = {
      job_id: J,
      status: 'succeeded',
      prepare_kind: 'psql',
      image_id: 'postgres:17',
      resolved_image_id: RESOLVED,
      plan_only: false,
      name: 'dev',
      prepare_args_normalized: "-X -v ON_ERROR_STOP=1 -f /w/app/schema.sql -c 'insert into t values (1)'",
      signature: SIG,
      created_at: TS,
      started_at: TS,
      finished_at: TS,
      instance_id: I,
      error_code: null,
    };
    expect(PrepareJobEntry.parse(body)).toEqual(body);
  });

  test('PrepareJobEntry requires nullable fields to be present and ids lowercase', () => {
    const result = PrepareJobEntry.safeParse({
      job_id: J.toUpperCase(),
      status: 'cancelled',
      prepare_kind: 'psql',
      image_id: 'pg',
      plan_only: false,
      name: null,
      prepare_args_normalized: '',
      signature: null,
      created_at: '2025-06-01T09:30:00Z',
      started_at: null,
      finished_at: null,
      instance_id: null,
      error_code: 'bogus',
    });
    expect(result.success ? [] : toErrorIssues(result.error)).toEqual([
      { path: 'job_id', message: 'expected 32 lowercase hex characters' },
      { path: 'status', message: 'Invalid option: expected one of "queued"|"running"|"succeeded"|"failed"' },
      { path: 'resolved_image_id', message: 'resolved_image_id is required' },
      { path: 'created_at', message: 'Invalid ISO datetime' },
      { path: 'error_code', message: expect.stringContaining('Invalid option') },
    ]);
  });

  test('PrepareJobResult accepts the §4.6 result', () => {
    expect(PrepareJobResult.parse(jobResult)).toEqual(jobResult);
  });
});

import { describe, expect, it } from 'vitest';
import { envEntries } from '../../src/docker/docker-exec.js';

describe('envEntries', () => {
  it('lists K=V in key order, keeping = and spaces in values', () => {
    expect(envEntries({ PGOPTIONS: '-c statement_timeout=1800000', PGAPPNAME: 'sqlrs', A: '' })).toEqual([
      'A=',
      'PGAPPNAME=sqlrs',
      'PGOPTIONS=-c statement_timeout=1800000',
    ]);
  });
});

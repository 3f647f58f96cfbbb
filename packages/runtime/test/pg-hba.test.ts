import { describe, expect, it } from 'vitest';
import { PG_HBA_CONF } from '../src/pg-hba.js';

describe('PG_HBA_CONF', () => {
  it('trusts only the unix socket and asks every TCP login for a SCRAM password', () => {
    const rules = PG_HBA_CONF.split('\n')
      .filter((line) => line.trim() !== '' && !line.startsWith('#'))
      .map((line) => line.split(/\s+/));
    expect(rules).toEqual([
      ['local', 'all', 'all', 'trust'],
      ['host', 'all', 'all', '127.0.0.1/32', 'scram-sha-256'],
      ['host', 'all', 'all', '::1/128', 'scram-sha-256'],
      ['host', 'all', 'all', '0.0.0.0/0', 'scram-sha-256'],
      ['host', 'all', 'all', '::/0', 'scram-sha-256'],
    ]);
  });
});

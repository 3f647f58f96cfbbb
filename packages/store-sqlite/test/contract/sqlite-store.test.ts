import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describeStoreContract } from '@sqlrs/store/testing';
import { openSqliteStore } from '../../src/index.js';

describeStoreContract(() => {
  const dir = mkdtempSync(join(tmpdir(), 'sqlrs-store-contract-'));
  return {
    store: openSqliteStore({ path: join(dir, 'state.db') }),
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
});

import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { StoreLayout, ensureStoreDirs } from '@sqlrs/statefs';
import { createProcessRuntime } from '../../src/index.js';
import { describeRuntimeContract } from '../../src/testing.js';

describeRuntimeContract('process', async () => {
  const root = await mkdtemp(join(tmpdir(), 'sqlrs-rt-'));
  const layout = new StoreLayout(root);
  // mkdtemp makes the root 0700; as root the server uid must traverse it (engine.md §5.1).
  await ensureStoreDirs(layout, { asRoot: process.getuid?.() === 0 });
  const make = () => createProcessRuntime({ layout });
  return {
    runtime: make(),
    reopen: make,
    imageRef: 'postgres:15',
    layout,
    storeId: 'f'.repeat(32),
    execSocketDir: (sandbox) => sandbox.endpoint.socketDir,
    serverLog: (_sandbox, dataDir) => readFile(join(dirname(dataDir), 'postgres.log'), 'utf8'),
    cleanup: () => rm(root, { recursive: true, force: true }),
  };
});

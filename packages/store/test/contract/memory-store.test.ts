import { createMemoryStore, describeStoreContract } from '../../src/testing.js';

describeStoreContract(() => ({ store: createMemoryStore({ storeId: '5'.repeat(32), createdAt: 1, createdByVersion: 'test' }) }));

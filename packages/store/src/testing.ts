// The contract suite every Store implementation runs, an in-memory Store and record fixtures for tests.
export { createMemoryStore } from './memory/create-memory-store.js';
export type { MemoryStoreOptions } from './memory/create-memory-store.js';
export { describeStoreContract } from './testing/describe-store-contract.js';
export type { CurrentStore, StoreFactory, StoreUnderTest } from './testing/describe-store-contract.js';
export {
  BASE_ID,
  IMAGE_KEY,
  IMAGE_REF,
  T0,
  fixtureBase,
  fixtureImage,
  fixtureInstance,
  fixtureJob,
  fixtureState,
  id32,
  id64,
  seedCatalog,
  seedReadyState,
} from './testing/fixtures.js';

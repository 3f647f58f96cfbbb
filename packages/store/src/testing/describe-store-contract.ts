import { afterEach, beforeEach, describe } from 'vitest';
import type { Store } from '../store.js';
import { auditContract } from './contract/audit-contract.js';
import { catalogContract } from './contract/catalog-contract.js';
import { instancesContract } from './contract/instances-contract.js';
import { jobsContract } from './contract/jobs-contract.js';
import { namesContract } from './contract/names-contract.js';
import { statesContract } from './contract/states-contract.js';
import { tasksEventsContract } from './contract/tasks-events-contract.js';

/** A store made for one test, and how to dispose of what it left behind. */
export interface StoreUnderTest {
  store: Store;
  cleanup?: () => Promise<void> | void;
}

/** Makes a fresh, empty store for each test. */
export type StoreFactory = () => Promise<StoreUnderTest> | StoreUnderTest;

/** Gives each contract group the store of the running test. */
export type CurrentStore = () => Store;

/**
 * Registers the one behaviour suite every `Store` implementation must pass (vitest): every
 * method, filters, ordering, refcounts, name rules, audit atomicity and event seqs.
 */
export function describeStoreContract(makeStore: StoreFactory): void {
  describe('Store contract', () => {
    let current: StoreUnderTest | undefined;
    const store: CurrentStore = () => {
      if (current === undefined) throw new Error('no store: the contract runs inside its own tests');
      return current.store;
    };

    beforeEach(async () => {
      current = await makeStore();
    });

    afterEach(async () => {
      const done = current;
      current = undefined;
      done?.store.close();
      await done?.cleanup?.();
    });

    catalogContract(store);
    statesContract(store);
    instancesContract(store);
    namesContract(store);
    jobsContract(store);
    tasksEventsContract(store);
    auditContract(store);
  });
}

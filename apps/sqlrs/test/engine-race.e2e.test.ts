// Two CLIs started at the same moment on a fresh store end up talking to one engine.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestContext } from 'vitest';
import { assertBuilt, cleanupStore, enginePids, prerequisitesMissing, requireOrSkip, sqlrs, storeIdOf, tempStore } from './cli-e2e-harness.js';

let missing: string | undefined;
const stores: string[] = [];
const ids: (string | undefined)[] = [];

beforeAll(() => {
  assertBuilt();
  missing = requireOrSkip(prerequisitesMissing());
});

afterAll(async () => {
  for (const [i, store] of stores.entries()) await cleanupStore(store, ids[i]);
}, 60_000);

describe('connect-or-start', () => {
  for (const round of [1, 2, 3]) {
    it(`two CLIs at once on a fresh store share one engine (round ${round})`, { timeout: 90_000 }, async (t: TestContext) => {
      if (missing !== undefined) t.skip(missing);
      const store = tempStore();
      stores.push(store);
      const [a, b] = await Promise.all([sqlrs(store, ['status', '-o', 'json']), sqlrs(store, ['status', '-o', 'json'])]);
      expect([a.code, b.code], `${a.stderr}\n${b.stderr}`).toEqual([0, 0]);
      const engineA = (JSON.parse(a.stdout) as { engine: { instance_id: string; pid: number } }).engine;
      const engineB = (JSON.parse(b.stdout) as { engine: { instance_id: string; pid: number } }).engine;
      expect(engineA.instance_id).toBe(engineB.instance_id);
      ids.push(await storeIdOf(store));
      // The losing engine exits 3 on the store lock; only the winner stays.
      await expect.poll(() => enginePids(store), { timeout: 10_000 }).toEqual([engineA.pid]);
    });
  }
});

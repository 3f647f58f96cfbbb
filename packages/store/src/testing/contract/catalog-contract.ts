import { describe, expect, it } from 'vitest';
import { STORE_LAYOUT_VERSION } from '../../meta.js';
import type { CurrentStore } from '../describe-store-contract.js';
import { BASE_ID, IMAGE_KEY, errorOf, fixtureBase, fixtureImage, fixtureState, seedCatalog, T0 } from '../fixtures.js';

/** Meta, images and bases. */
export function catalogContract(store: CurrentStore): void {
  describe('meta', () => {
    it('has a 32-hex store id that stays the same across calls', () => {
      const id = store().storeId();
      expect(id).toMatch(/^[0-9a-f]{32}$/);
      expect(store().storeId()).toBe(id);
      expect(store().meta()).toEqual({
        storeId: id,
        layoutVersion: STORE_LAYOUT_VERSION,
        createdAt: expect.any(Number),
        createdByVersion: expect.any(String),
      });
    });
  });

  describe('images', () => {
    it('inserts, reads and lists an image', () => {
      const image = fixtureImage();
      expect(store().upsertImage(image)).toEqual(image);
      expect(store().getImage(IMAGE_KEY)).toEqual(image);
      expect(store().listImages()).toEqual([image]);
      expect(store().getImage('docker:sha256:nope')).toBeUndefined();
    });

    it('updates an image on upsert but keeps when it was first seen', () => {
      store().upsertImage(fixtureImage());
      const later = fixtureImage({ displayRef: 'postgres@sha256:ff', repoDigest: 'sha256:ff', firstSeenAt: T0 + 5, lastUsedAt: T0 + 5 });
      const expected = { ...later, firstSeenAt: T0 };
      expect(store().upsertImage(later)).toEqual(expected);
      expect(store().getImage(IMAGE_KEY)).toEqual(expected);
    });

    it('lists images by first sight, then key', () => {
      const b = fixtureImage({ imageKey: 'process:sha256:b', firstSeenAt: T0 });
      const a = fixtureImage({ imageKey: 'process:sha256:a', firstSeenAt: T0 });
      const old = fixtureImage({ imageKey: 'process:sha256:z', firstSeenAt: T0 - 1 });
      for (const image of [b, a, old]) store().upsertImage(image);
      expect(store().listImages().map((i) => i.imageKey)).toEqual(['process:sha256:z', 'process:sha256:a', 'process:sha256:b']);
    });
  });

  describe('bases', () => {
    it('inserts, reads, replaces and lists a base', () => {
      store().upsertImage(fixtureImage());
      const base = fixtureBase({ status: 'building', readyAt: null });
      expect(store().upsertBase(base)).toEqual(base);
      const ready = { ...base, status: 'ready' as const, readyAt: T0 + 10 };
      expect(store().upsertBase(ready)).toEqual(ready);
      expect(store().getBase(BASE_ID)).toEqual(ready);
      expect(store().listBases()).toEqual([ready]);
      expect(store().getBase('0'.repeat(64))).toBeUndefined();
    });

    it('refuses a base whose image is unknown', () => {
      expect(errorOf(() => store().upsertBase(fixtureBase()))).toEqual({
        code: 'conflict',
        message: 'referenced image does not exist',
        details: IMAGE_KEY,
      });
      expect(store().listBases()).toEqual([]);
    });

    it('refuses a second base at the same path', () => {
      seedCatalog(store());
      const other = fixtureBase({ baseId: 'e'.repeat(64), initSpecHash: 'f'.repeat(64), relPath: fixtureBase().relPath });
      expect(errorOf(() => store().upsertBase(other))).toEqual({
        code: 'conflict',
        message: 'base path is already taken',
        details: fixtureBase().relPath,
      });
    });

    it('deletes an unused base and refuses one that states use', () => {
      seedCatalog(store());
      store().insertState(fixtureState('1'.repeat(64)));
      expect(errorOf(() => store().deleteBase(BASE_ID))).toEqual({
        code: 'conflict',
        message: 'base is still used by states; delete those first',
        details: BASE_ID,
      });
      store().deleteStates(['1'.repeat(64)]);
      store().deleteBase(BASE_ID);
      expect(store().getBase(BASE_ID)).toBeUndefined();
      expect(errorOf(() => store().deleteBase(BASE_ID))).toEqual({ code: 'not_found', message: 'base not found', details: BASE_ID });
    });
  });
}

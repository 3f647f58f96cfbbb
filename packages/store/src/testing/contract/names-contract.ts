import { describe, expect, it } from 'vitest';
import type { Store } from '../../store.js';
import type { CurrentStore } from '../describe-store-contract.js';
import { IMAGE_REF, errorOf, fixtureInstance, fixtureJob, id32, id64, seedReadyState, T0 } from '../fixtures.js';

const S1 = id64('a1');
const S2 = id64('a2');
const I1 = id32('c1');
const I2 = id32('c2');
const J1 = id32('01');
const J2 = id32('02');

/** Two ready states, an instance on each and two queued jobs. */
function seedWorld(store: Store): void {
  seedReadyState(store, S1);
  seedReadyState(store, S2, { parentStateId: S1, depth: 1 });
  store.insertInstance(fixtureInstance(I1, S1, { port: 1 }));
  store.insertInstance(fixtureInstance(I2, S2, { port: 2 }));
  store.insertJob(fixtureJob(J1));
  store.insertJob(fixtureJob(J2, { createdAt: T0 + 1 }));
}

/** Names: reservation at submit, binding on success, rebinding, release and listing. */
export function namesContract(store: CurrentStore): void {
  describe('names', () => {
    it('reserves a name for a job without listing it', () => {
      seedWorld(store());
      const reserved = { name: 'dev', instanceId: null, stateId: null, reservedJobId: J1, createdAt: T0 + 5, lastUsedAt: null, imageId: null };
      expect(store().reserveName('dev', { jobId: J1, rebind: false, at: T0 + 5 })).toEqual(reserved);
      expect(store().getName('dev')).toEqual(reserved);
      expect(store().listNames()).toEqual([]);
      expect(store().reserveName('dev', { jobId: J1, rebind: false, at: T0 + 6 })).toEqual(reserved);
    });

    it('binds a reserved name on success, clears the reservation and audits it', () => {
      seedWorld(store());
      store().reserveName('dev', { jobId: J1, rebind: false, at: T0 + 5 });
      const bound = store().bindName('dev', { instanceId: I1, at: T0 + 9 }, [{ ts: T0 + 9, actor: 'engine', action: 'name.bound', objectId: 'dev', jobId: J1 }]);
      const expected = { name: 'dev', instanceId: I1, stateId: S1, reservedJobId: null, createdAt: T0 + 5, lastUsedAt: null, imageId: IMAGE_REF };
      expect(bound).toEqual(expected);
      expect(store().listNames()).toEqual([expected]);
      expect(store().getInstance(I1)?.name).toBe('dev');
      expect(store().listAudit().map((a) => [a.action, a.objectKind, a.objectId, a.jobId])).toEqual([['name.bound', 'name', 'dev', J1]]);
    });

    it('refuses a name bound to a live instance unless the job rebinds', () => {
      seedWorld(store());
      store().bindName('dev', { instanceId: I1, at: T0 });
      expect(errorOf(() => store().reserveName('dev', { jobId: J1, rebind: false, at: T0 }))).toEqual({
        code: 'conflict',
        message: `name dev is in use by instance ${I1}; pass rebind: true to move it or choose another name`,
        details: undefined,
      });
      expect(store().reserveName('dev', { jobId: J1, rebind: true, at: T0 + 1 })).toMatchObject({ instanceId: I1, reservedJobId: J1 });
      expect(store().listNames().map((n) => [n.name, n.instanceId])).toEqual([['dev', I1]]);
    });

    it('refuses a name another unfinished job holds, and takes it over once that job ended', () => {
      seedWorld(store());
      store().reserveName('dev', { jobId: J1, rebind: false, at: T0 });
      const conflict = {
        code: 'conflict',
        message: `name dev is reserved by prepare job ${J1}; wait for it to finish or choose another name`,
        details: undefined,
      };
      expect(errorOf(() => store().reserveName('dev', { jobId: J2, rebind: true, at: T0 }))).toEqual(conflict);
      store().updateJob(J1, { status: 'running' });
      expect(errorOf(() => store().reserveName('dev', { jobId: J2, rebind: false, at: T0 }))).toEqual(conflict);
      store().updateJob(J1, { status: 'failed', errorCode: 'cancelled' });
      expect(store().reserveName('dev', { jobId: J2, rebind: false, at: T0 + 1 })).toMatchObject({ reservedJobId: J2, createdAt: T0 });
    });

    it('refuses a reservation for an unknown job', () => {
      expect(errorOf(() => store().reserveName('dev', { jobId: J1, rebind: false, at: T0 }))).toEqual({
        code: 'conflict',
        message: 'referenced job does not exist',
        details: J1,
      });
    });

    it('moves a name to the new instance on rebind; the old instance stays, unnamed', () => {
      seedWorld(store());
      store().bindName('dev', { instanceId: I1, at: T0 });
      store().reserveName('dev', { jobId: J1, rebind: true, at: T0 + 1 });
      expect(store().bindName('dev', { instanceId: I2, at: T0 + 2 })).toMatchObject({ instanceId: I2, stateId: S2, reservedJobId: null, createdAt: T0 });
      expect(store().getInstance(I1)).toMatchObject({ name: null, status: 'active' });
      expect(store().getInstance(I2)?.name).toBe('dev');
    });

    it('gives an instance at most one name', () => {
      seedWorld(store());
      store().bindName('dev', { instanceId: I1, at: T0 });
      expect(errorOf(() => store().bindName('other', { instanceId: I1, at: T0 }))).toEqual({
        code: 'conflict',
        message: 'instance already has the name dev',
        details: I1,
      });
      expect(errorOf(() => store().bindName('other', { instanceId: id32('ff'), at: T0 }))).toEqual({
        code: 'not_found',
        message: 'instance not found',
        details: id32('ff'),
      });
      expect(store().getName('other')).toBeUndefined();
    });

    it('releases a failed job reservation: the row goes unless it is bound', () => {
      seedWorld(store());
      store().reserveName('fresh', { jobId: J1, rebind: false, at: T0 });
      store().bindName('dev', { instanceId: I1, at: T0 });
      store().reserveName('dev', { jobId: J1, rebind: true, at: T0 });
      store().releaseNameReservation('fresh', J2);
      expect(store().getName('fresh')?.reservedJobId).toBe(J1);
      store().releaseNameReservation('fresh', J1);
      store().releaseNameReservation('dev', J1);
      store().releaseNameReservation('absent', J1);
      expect(store().getName('fresh')).toBeUndefined();
      expect(store().getName('dev')).toMatchObject({ instanceId: I1, reservedJobId: null });
    });

    it('unbinds a name with its audit row and keeps a reservation on it', () => {
      seedWorld(store());
      store().bindName('dev', { instanceId: I1, at: T0 });
      store().bindName('qa', { instanceId: I2, at: T0 });
      store().reserveName('qa', { jobId: J1, rebind: true, at: T0 });
      store().unbindName('dev', [{ ts: T0, actor: 'api', action: 'name.removed', objectId: 'dev' }]);
      store().unbindName('qa');
      expect(store().getName('dev')).toBeUndefined();
      expect(store().getName('qa')).toMatchObject({ instanceId: null, stateId: null, reservedJobId: J1 });
      expect(store().listNames()).toEqual([]);
      expect(store().listAudit().map((a) => a.objectId)).toEqual(['dev']);
      expect(errorOf(() => store().unbindName('qa'))).toEqual({ code: 'not_found', message: 'name not found', details: 'qa' });
    });

    it('unbinds the name of an instance that expires', () => {
      seedWorld(store());
      store().bindName('dev', { instanceId: I1, at: T0 });
      store().bindName('qa', { instanceId: I2, at: T0 });
      store().reserveName('qa', { jobId: J1, rebind: true, at: T0 });
      store().updateInstance(I1, { status: 'expired' });
      store().updateInstance(I2, { status: 'expired' });
      expect(store().getName('dev')).toBeUndefined();
      expect(store().getName('qa')).toMatchObject({ instanceId: null, reservedJobId: J1 });
      expect(store().getInstance(I1)?.name).toBeNull();
    });

    it('records when a name was last resolved', () => {
      seedWorld(store());
      store().bindName('dev', { instanceId: I1, at: T0 });
      store().touchName('dev', T0 + 42);
      store().touchName('absent', T0 + 42);
      expect(store().getName('dev')?.lastUsedAt).toBe(T0 + 42);
    });

    it('lists bound names by creation time, then name, filtered by instance, state and image', () => {
      seedWorld(store());
      store().insertInstance(fixtureInstance(id32('c3'), S2, { port: 3, imageKey: 'process:sha256:9' }));
      store().bindName('zeta', { instanceId: I1, at: T0 });
      store().bindName('alpha', { instanceId: I2, at: T0 });
      store().bindName('beta', { instanceId: id32('c3'), at: T0 - 1 });
      const names = (filter?: Parameters<ReturnType<CurrentStore>['listNames']>[0]) => store().listNames(filter).map((n) => n.name);
      expect(names()).toEqual(['beta', 'alpha', 'zeta']);
      expect(names({ instance: I1 })).toEqual(['zeta']);
      expect(names({ state: S2 })).toEqual(['beta', 'alpha']);
      expect(names({ image: IMAGE_REF })).toEqual(['alpha', 'zeta']);
      expect(names({ image: 'process:sha256:9', state: S2 })).toEqual(['beta']);
      expect(names({ instance: id32('ee') })).toEqual([]);
    });
  });
}

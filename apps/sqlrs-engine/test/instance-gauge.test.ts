import { describe, expect, it } from 'vitest';
import { createMemoryStore, fixtureInstance, id32, id64, seedReadyState } from '@sqlrs/store/testing';
import { createMetrics } from '@sqlrs/telemetry';
import { updateInstanceGauge } from '../src/instance-gauge.js';

describe('updateInstanceGauge', () => {
  it('sets sqlrs_instances for every status, zero included', async () => {
    const store = createMemoryStore();
    seedReadyState(store, id64('5'));
    store.insertInstance(fixtureInstance(id32('a'), id64('5'), { port: 1 }));
    store.insertInstance(fixtureInstance(id32('b'), id64('5'), { port: 2 }));
    store.updateInstance(id32('b'), { status: 'expired', runtimeId: null });
    const metrics = createMetrics();
    updateInstanceGauge(store, metrics);
    const text = (await metrics.render()).body;
    expect(text.split('\n').filter((l) => l.startsWith('sqlrs_instances{'))).toEqual([
      'sqlrs_instances{status="active"} 1',
      'sqlrs_instances{status="stopped"} 0',
      'sqlrs_instances{status="expired"} 1',
      'sqlrs_instances{status="failed"} 0',
    ]);
  });
});

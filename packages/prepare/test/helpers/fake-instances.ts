import type { InstanceRecord, Store } from '@sqlrs/store';
import type { InstanceCreator } from '../../src/index.js';

/** Publishes an instance row (and its name) without starting anything, like `@sqlrs/instances` would. */
export class FakeInstances implements InstanceCreator {
  created: string[] = [];
  private next = 1;
  constructor(private readonly store: Store) {}

  async create(o: Parameters<InstanceCreator['create']>[0]): Promise<InstanceRecord> {
    const n = this.next++;
    const instanceId = n.toString(16).padStart(32, 'c');
    this.store.transaction(() => {
      this.store.insertInstance({
        instanceId,
        stateId: o.stateId,
        imageKey: o.image.imageKey,
        jobId: o.jobId,
        runtimeKind: 'process',
        runtimeId: `process:${instanceId.slice(-4)}`,
        relDir: `instances/${instanceId}`,
        socketDir: `instances/${instanceId}/run`,
        host: '127.0.0.1',
        port: 15499 + n,
        dbUser: 'sqlrs',
        dbName: 'postgres',
        password: 'c2VjcmV0LXNlY3JldC1zZWNyZXQtc2VjcmV0',
        status: 'active',
        statusReason: null,
        createdAt: 1,
        startedAt: 1,
        stoppedAt: null,
        expiresAt: o.expiresAt,
      });
      if (o.name !== null) this.store.bindName(o.name, { instanceId, at: 1 });
    });
    this.created.push(o.stateId);
    return this.store.getInstance(instanceId) as InstanceRecord;
  }
}

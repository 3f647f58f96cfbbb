import { describe, expect, it } from 'vitest';
import { SqlrsError } from '@sqlrs/errors';
import { StoreLayout } from '../src/index.js';

const J = '0123456789abcdef0123456789abcdef';
const I = 'fedcba9876543210fedcba9876543210';
const S = 'ab'.repeat(32);
const BASE = 'c0ffee'.repeat(10) + 'c0ff';

describe('StoreLayout', () => {
  const layout = new StoreLayout('/s');
  const version = StoreLayout.postgresVersion(17, BASE);

  it('names every file and directory of engine.md §5.1', () => {
    expect({
      root: layout.root,
      engineJson: layout.engineJson,
      engineLock: layout.engineLock,
      staleEngineLock: layout.staleEngineLock(4242),
      stateDb: layout.stateDb,
      configJson: layout.configJson,
      logsDir: layout.logsDir,
      engineLog: layout.engineLog,
      enginesDir: layout.enginesDir,
      postgresDir: layout.postgresDir,
      version,
      versionDir: layout.versionDir(version),
      baseDir: layout.baseDir(version),
      statesDir: layout.statesDir(version),
      stateDir: layout.stateDir(version, S),
      stagingStateDir: layout.stagingStateDir(version, S, 'n1'),
      instancesDir: layout.instancesDir,
      instanceDir: layout.instanceDir(I),
      instanceDataDir: layout.instanceDataDir(I),
      instanceRunDir: layout.instanceRunDir(I),
      runtimeJson: layout.runtimeJson(I),
      jobsDir: layout.jobsDir,
      jobDir: layout.jobDir(J),
      jobStdin: layout.jobStdin(J),
      tmpDir: layout.tmpDir,
      tmpBaseDir: layout.tmpBaseDir('n2'),
      buildDir: layout.buildDir(J, 0),
      planDir: layout.planDir(J),
      lbDir: layout.lbDir(J),
      trashDir: layout.trashDir,
      trashEntry: layout.trashEntry('n3'),
    }).toEqual({
      root: '/s',
      engineJson: '/s/engine.json',
      engineLock: '/s/engine.lock',
      staleEngineLock: '/s/engine.lock.stale-4242',
      stateDb: '/s/state.db',
      configJson: '/s/config.json',
      logsDir: '/s/logs',
      engineLog: '/s/logs/engine.log',
      enginesDir: '/s/engines',
      postgresDir: '/s/engines/postgres',
      version: 'pg17-c0ffeec0ffeec0ff',
      versionDir: '/s/engines/postgres/pg17-c0ffeec0ffeec0ff',
      baseDir: '/s/engines/postgres/pg17-c0ffeec0ffeec0ff/base',
      statesDir: '/s/engines/postgres/pg17-c0ffeec0ffeec0ff/states',
      stateDir: `/s/engines/postgres/pg17-c0ffeec0ffeec0ff/states/${S}`,
      stagingStateDir: `/s/engines/postgres/pg17-c0ffeec0ffeec0ff/states/.staging-${S}-n1`,
      instancesDir: '/s/instances',
      instanceDir: `/s/instances/${I}`,
      instanceDataDir: `/s/instances/${I}/data`,
      instanceRunDir: `/s/instances/${I}/run`,
      runtimeJson: `/s/instances/${I}/runtime.json`,
      jobsDir: '/s/jobs',
      jobDir: `/s/jobs/${J}`,
      jobStdin: `/s/jobs/${J}/stdin`,
      tmpDir: '/s/tmp',
      tmpBaseDir: '/s/tmp/base-n2',
      buildDir: `/s/tmp/build-${J}-0`,
      planDir: `/s/tmp/plan-${J}`,
      lbDir: `/s/tmp/lb-${J}`,
      trashDir: '/s/tmp/trash',
      trashEntry: '/s/tmp/trash/n3',
    });
  });

  it('canonicalises ids to lowercase', () => {
    expect(layout.instanceDir(I.toUpperCase())).toBe(`/s/instances/${I}`);
    expect(layout.stateDir(version, S.toUpperCase())).toBe(`/s/engines/postgres/${version}/states/${S}`);
  });

  it('refuses ids and names that could leave their directory', () => {
    expect(() => layout.instanceDir('../../etc')).toThrow(SqlrsError);
    expect(() => layout.jobDir(`${J}/..`)).toThrow(SqlrsError);
    expect(() => layout.stateDir('..', S)).toThrow(SqlrsError);
    expect(() => layout.stateDir(version, 'a'.repeat(63))).toThrow(SqlrsError);
    expect(() => layout.trashEntry('.')).toThrow(SqlrsError);
    expect(() => layout.tmpBaseDir('a/b')).toThrow(SqlrsError);
    expect(() => layout.buildDir(J, -1)).toThrow(SqlrsError);
    expect(() => StoreLayout.postgresVersion(0, BASE)).toThrow(SqlrsError);
  });

  it('tells staging names from state names', () => {
    expect(StoreLayout.isStagingName(`.staging-${S}-n1`)).toBe(true);
    expect(StoreLayout.isStagingName(S)).toBe(false);
  });
});

import { appendFile, mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { SqlrsError } from '@sqlrs/errors';
import type { ExecSpec, LineSink, ResolvedImage, Runtime, RuntimeProbe, RuntimeRef, Sandbox, StartSpec } from '@sqlrs/runtime';

/** A fake image of PostgreSQL 15. */
const FAKE_IMAGE: ResolvedImage = {
  imageKey: `process:sha256:${'a'.repeat(64)}`,
  displayRef: `postgres:15.8@sha256:${'a'.repeat(64)}`,
  platform: 'linux/amd64',
  pgMajor: 15,
  pgVersion: '15.8',
  runUid: 0,
  runGid: 0,
  locales: ['C', 'C.UTF-8'],
};

/** What a fake psql does: returns its exit code; the default appends the step's input to `pgdata/applied`. */
export type FakeExec = (o: { spec: ExecSpec; start: StartSpec; sink: LineSink; signal?: AbortSignal }) => Promise<number>;

/** Records every call; "psql" appends its input to `<dataDir>/pgdata/applied`. */
export class FakeRuntime implements Runtime {
  readonly kind = 'process' as const;
  probeResult: RuntimeProbe = { ok: true, version: 'fake' };
  initBaseCalls = 0;
  starts: StartSpec[] = [];
  execs: ExecSpec[] = [];
  removed: string[] = [];
  stops = 0;
  exec_: FakeExec = async ({ spec, start, sink }) => {
    const input = spec.argv[spec.argv.indexOf('-h') - 1] ?? '';
    await appendFile(join(start.dataDir, 'pgdata', 'applied'), `${input === '-' ? (spec.stdin ?? '') : input}\n`);
    sink('stdout', `ran ${input}`);
    return 0;
  };
  private readonly sandboxes = new Map<string, StartSpec>();
  private next = 1;

  async probe(): Promise<RuntimeProbe> {
    return this.probeResult;
  }

  async resolveImage(): Promise<ResolvedImage> {
    return FAKE_IMAGE;
  }

  async initBase(_image: ResolvedImage, dataDir: string): Promise<void> {
    this.initBaseCalls += 1;
    await mkdir(join(dataDir, 'pgdata'), { recursive: true });
    await writeFile(join(dataDir, 'pgdata', 'PG_VERSION'), '15\n');
    await writeFile(join(dataDir, 'pgdata', 'applied'), '');
  }

  async start(spec: StartSpec): Promise<Sandbox> {
    this.starts.push(spec);
    const id = `process:${this.next++}`;
    this.sandboxes.set(id, spec);
    const ref: RuntimeRef = { kind: 'process', id, purpose: spec.purpose, ownerId: spec.ownerId, storeId: spec.storeId, running: true };
    return { ref, endpoint: { host: '127.0.0.1', port: 15432, innerPort: 15432, socketDir: spec.socketDir } };
  }

  async exec(sandbox: Sandbox, spec: ExecSpec, sink: LineSink, signal?: AbortSignal): Promise<{ exitCode: number }> {
    this.execs.push(spec);
    const start = this.sandboxes.get(sandbox.ref.id);
    if (start === undefined) throw new SqlrsError('internal_error', 'unknown sandbox');
    return { exitCode: await this.exec_({ spec, start, sink, ...(signal === undefined ? {} : { signal }) }) };
  }

  async runClient(): Promise<{ exitCode: number }> {
    throw new SqlrsError('internal_error', 'runs are not part of prepare');
  }

  async stop(): Promise<void> {
    this.stops += 1;
  }

  async remove(ref: RuntimeRef): Promise<void> {
    this.removed.push(ref.id);
  }

  /** What `list` reports, e.g. sandboxes a previous engine left behind. */
  listed: RuntimeRef[] = [];

  async list(): Promise<RuntimeRef[]> {
    return this.listed.filter((ref) => !this.removed.includes(ref.id));
  }
}

/** The lines a fake psql appended to a cluster directory. */
export async function appliedIn(dir: string): Promise<string[]> {
  return (await readFile(join(dir, 'pgdata', 'applied'), 'utf8')).split('\n').filter((l) => l !== '');
}

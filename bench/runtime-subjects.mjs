// The things section 2 of the sandbox benchmark starts: a sqlrs runtime (docker or process) and
// the plain baselines on the same data — `docker run` via the docker CLI, `pg_ctl start -w`, and
// (for information) `postgres` spawned directly. Each subject measures from the start call to a
// successful SELECT 1 by the bench itself, then stops cleanly.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { join } from 'node:path';
import { once } from 'node:events';
import { assertCleanShutdown } from '@sqlrs/runtime';
import { pollSelect, run, selectOnce, since } from './sandbox-lib.mjs';

const CONTAINER_DATA = '/var/lib/postgresql/data';

/**
 * A sqlrs runtime starting PostgreSQL on `dataDir`: `start()` (which itself waits for SELECT 1),
 * then one SELECT 1 by the bench; stop is fast (verified by the runtime) plus remove.
 */
export function runtimeSubject({ name, runtime, image, storeId, ownerId, dataDir, socketDir }) {
  let sandbox;
  return {
    name,
    async start() {
      const started = performance.now();
      sandbox = await runtime.start({ purpose: 'instance', ownerId, storeId, image, dataDir, socketDir, settings: {}, readyDeadlineMs: 60_000 });
      const startMs = since(started);
      if (!(await selectOnce({ socketDir, port: sandbox.endpoint.innerPort }))) throw new Error(`${name}: SELECT 1 failed after start`);
      return { ms: since(started), phases: { startResolvedMs: startMs } };
    },
    async stop() {
      await runtime.stop(sandbox, { mode: 'fast', timeoutMs: 60_000 });
      await runtime.remove(sandbox.ref);
      sandbox = undefined;
    },
    async abort() {
      if (sandbox !== undefined) await runtime.remove(sandbox.ref);
    },
  };
}

/**
 * Plain `docker run -d` of the image with the same data dir bind-mounted, host networking, then
 * SELECT 1 polled every 5 ms over the bind-mounted socket dir; stop = `docker stop` + `docker rm`.
 */
export function dockerRunSubject({ name, imageRef, label, dataDir, socketDir, port }) {
  let container;
  let count = 0;
  return {
    name,
    async start() {
      count += 1;
      container = `sqlrs-bench-${label.slice(0, 8)}-${count}`;
      const started = performance.now();
      await run('docker', [
        'run', '-d', '--name', container, '--label', `sqlrs.bench=${label}`, '--network', 'host',
        '--mount', `type=bind,source=${dataDir},target=${CONTAINER_DATA}`,
        '--mount', `type=bind,source=${socketDir},target=/var/run/postgresql`,
        imageRef, 'postgres', '-D', `${CONTAINER_DATA}/pgdata`, '-p', String(port), '-c', 'listen_addresses=127.0.0.1',
      ]);
      const cliMs = since(started);
      const polls = await pollSelect({ socketDir, port });
      return { ms: since(started), phases: { dockerRunExitMs: cliMs, polls } };
    },
    async stop() {
      await run('docker', ['stop', '-t', '60', container]);
      await run('docker', ['rm', container]);
      container = undefined;
      await assertCleanShutdown(join(dataDir, 'pgdata'));
    },
    async abort() {
      await run('docker', ['rm', '-f', ...(await run('docker', ['ps', '-aq', '--filter', `label=sqlrs.bench=${label}`])).split('\n').filter(Boolean)]).catch(() => undefined);
    },
  };
}

/** Options for a child process run as the server user (when the bench is root). */
function asServer(owner) {
  return { cwd: '/', env: { PATH: process.env.PATH ?? '/usr/bin:/bin' }, ...(owner ?? {}) };
}

/** `pg_ctl start -w` as the server user, then SELECT 1 by the bench; stop = `pg_ctl stop -m fast -w`. */
export function pgCtlSubject({ name, binDir, owner, dataDir, socketDir, port, logFile }) {
  const pgdata = join(dataDir, 'pgdata');
  const pgCtl = join(binDir, 'pg_ctl');
  return {
    name,
    async start() {
      const started = performance.now();
      const options = `-p ${port} -k ${socketDir} -c listen_addresses=127.0.0.1`;
      await run(pgCtl, ['start', '-w', '-t', '60', '-D', pgdata, '-l', logFile, '-o', options], asServer(owner));
      const pgCtlMs = since(started);
      const polls = await pollSelect({ socketDir, port });
      return { ms: since(started), phases: { pgCtlExitMs: pgCtlMs, polls } };
    },
    async stop() {
      await run(pgCtl, ['stop', '-m', 'fast', '-w', '-t', '60', '-D', pgdata], asServer(owner));
      await assertCleanShutdown(pgdata);
    },
    async abort() {
      if (existsSync(join(pgdata, 'postmaster.pid'))) await run(pgCtl, ['stop', '-m', 'immediate', '-w', '-D', pgdata], asServer(owner));
    },
  };
}

/** `postgres` spawned directly as the server user, SELECT 1 polled every 5 ms (the floor, for information). */
export function postgresExecSubject({ name, binDir, owner, dataDir, socketDir, port, logFile }) {
  const pgdata = join(dataDir, 'pgdata');
  let child;
  return {
    name,
    async start() {
      const log = await open(logFile, 'a', 0o600);
      const started = performance.now();
      try {
        child = spawn(join(binDir, 'postgres'), ['-D', pgdata, '-p', String(port), '-k', socketDir, '-c', 'listen_addresses=127.0.0.1'], {
          ...asServer(owner),
          detached: true,
          stdio: ['ignore', log.fd, log.fd],
        });
      } finally {
        await log.close();
      }
      child.once('error', (error) => process.stderr.write(`${name}: ${error.message}\n`));
      const polls = await pollSelect({ socketDir, port });
      return { ms: since(started), phases: { polls } };
    },
    async stop() {
      const exited = once(child, 'exit');
      child.kill('SIGINT');
      await exited;
      child = undefined;
      await assertCleanShutdown(pgdata);
    },
    async abort() {
      if (child === undefined || child.exitCode !== null || child.signalCode !== null) return;
      const exited = once(child, 'exit');
      child.kill('SIGQUIT');
      await exited;
    },
  };
}

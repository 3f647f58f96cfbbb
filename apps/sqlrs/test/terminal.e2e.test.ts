// The TTY experience in a real terminal (tmux): the live step view, then Ctrl+C asks whether to
// cancel or detach; cancelling ends the job and the CLI exits 130.
import { execFileSync, spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestContext } from 'vitest';
import { assertBuilt, cleanupStore, cliCommandLine, prerequisitesMissing, requireOrSkip, sqlrs, storeIdOf, tempStore } from './cli-e2e-harness.js';

const SESSION = `sqlrs-cli-e2e-${process.pid}`;
let missing: string | undefined;
let store: string;
let storeId: string | undefined;

beforeAll(() => {
  assertBuilt();
  const tmux = spawnSync('tmux', ['-V']).status === 0 ? undefined : 'tmux is not installed (apt-get install tmux)';
  missing = requireOrSkip(prerequisitesMissing() ?? tmux);
  store = tempStore();
});

afterAll(async () => {
  spawnSync('tmux', ['kill-session', '-t', SESSION]);
  await cleanupStore(store, storeId);
}, 60_000);

const screen = (): string => execFileSync('tmux', ['capture-pane', '-p', '-t', SESSION], { encoding: 'utf8' });

describe('a prepare in a terminal', () => {
  it('shows the live step list, and Ctrl+C asks, then cancels the job', { timeout: 120_000 }, async (t: TestContext) => {
    if (missing !== undefined) t.skip(missing);
    // Start the engine first so the view is not delayed by the engine's start-up.
    expect((await sqlrs(store, ['engine', 'start'])).code).toBe(0);
    storeId = await storeIdOf(store);
    const command = cliCommandLine(store, ['prepare:psql', '--', '-c', `select pg_sleep(60) -- ${process.pid}`]);
    execFileSync('tmux', ['new-session', '-d', '-s', SESSION, '-x', '120', '-y', '30', `${command}; echo EXIT=$?; sleep 600`]);

    await expect.poll(screen, { timeout: 60_000, interval: 200 }).toMatch(/ {2}\S execute-0 +running +\d+\.\ds {2}-c select pg_sleep\(60\)/);
    const live = screen();
    expect(live).toMatch(/^job [0-9a-f]{12} {2}running {2}\d+\.\ds$/m);
    expect(live).toMatch(/^ {2}✓ plan +done/m);
    expect(live).toMatch(/^ {2}· prepare-instance +start instance$/m);
    // The elapsed time moves while nothing else happens.
    const before = /execute-0 +running +(\d+\.\d)s/.exec(live)?.[1];
    await expect.poll(() => /execute-0 +running +(\d+\.\d)s/.exec(screen())?.[1], { timeout: 5_000 }).not.toBe(before);

    execFileSync('tmux', ['send-keys', '-t', SESSION, 'C-c']);
    await expect.poll(screen, { timeout: 10_000 }).toMatch(/Ctrl\+C: \[c\]ancel job [0-9a-f]{12}, \[d\]etach \(it keeps running\), other key: keep watching\?/);
    execFileSync('tmux', ['send-keys', '-t', SESSION, 'c']);
    await expect.poll(screen, { timeout: 60_000 }).toMatch(/EXIT=130/);
    const end = screen();
    expect(end).toMatch(/^ {2}✗ execute-0 +failed/m);
    expect(end).toMatch(/sqlrs: job [0-9a-f]{32} failed: job cancelled \(cancelled\)/);
    const jobs = JSON.parse((await sqlrs(store, ['ls', '--jobs', '-o', 'json'])).stdout) as { jobs: { status: string; error_code: string | null }[] };
    expect(jobs.jobs).toMatchObject([{ status: 'failed', error_code: 'cancelled' }]);
  });

  it('Ctrl+C then d detaches: the job keeps running and sqlrs watch follows it to its DSN', { timeout: 120_000 }, async (t: TestContext) => {
    if (missing !== undefined) t.skip(missing);
    spawnSync('tmux', ['kill-session', '-t', SESSION]);
    const command = cliCommandLine(store, ['prepare:psql', '--', '-c', `select pg_sleep(4) -- detach ${process.pid}`]);
    execFileSync('tmux', ['new-session', '-d', '-s', SESSION, '-x', '120', '-y', '30', `${command}; echo EXIT=$?; sleep 600`]);
    await expect.poll(screen, { timeout: 60_000, interval: 200 }).toMatch(/execute-0 +running/);
    execFileSync('tmux', ['send-keys', '-t', SESSION, 'C-c']);
    await expect.poll(screen, { timeout: 10_000 }).toMatch(/Ctrl\+C: \[c\]ancel job/);
    execFileSync('tmux', ['send-keys', '-t', SESSION, 'd']);
    await expect.poll(screen, { timeout: 10_000 }).toMatch(/EXIT=130/);
    const jobId = /sqlrs: detached; job ([0-9a-f]{32}) keeps running \(sqlrs watch \1\)/.exec(screen())?.[1];
    expect(jobId).toBeDefined();
    const watched = await sqlrs(store, ['watch', jobId as string]);
    storeId ??= await storeIdOf(store);
    expect(watched.code, watched.stderr).toBe(0);
    expect(watched.stdout).toMatch(/^postgres:\/\/sqlrs:[^@\s]+@127\.0\.0\.1:\d+\/postgres\n$/);
  });
});

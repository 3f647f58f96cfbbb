import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scramSha256Verifier } from '../src/index.js';
import { scramSha256VerifierAsync } from '../src/scram-verifier.js';
import { newJob, processEnv, tcpQuery } from './helpers/process-env.js';
import type { ProcessEnv } from './helpers/process-env.js';

describe('scramSha256Verifier', () => {
  let env: ProcessEnv;
  beforeAll(async () => {
    env = await processEnv();
  }, 120_000);
  afterAll(() => env?.cleanup());

  it('equals the verifier PostgreSQL computes itself for the same password and salt', async () => {
    const instance = await env.service.create({ jobId: newJob(env.store, 'a'.repeat(32)), stateId: env.stateId, image: env.image, name: null, rebind: false, expiresAt: null });
    const port = instance.port ?? 0;
    await tcpQuery(port, instance.password, "CREATE ROLE probe LOGIN PASSWORD 'correct horse battery staple'");
    const [row] = await tcpQuery(port, instance.password, "SELECT rolpassword FROM pg_authid WHERE rolname = 'probe'");
    const stored = String(row?.rolpassword);
    const salt = Buffer.from(/^SCRAM-SHA-256\$4096:([^$]+)\$/.exec(stored)?.[1] ?? '', 'base64');
    expect(salt.length).toBe(16);
    expect(scramSha256Verifier('correct horse battery staple', salt)).toBe(stored);
  });

  it('formats iterations, salt and keys as PostgreSQL stores them', () => {
    const verifier = scramSha256Verifier('pw', new Uint8Array(16), 4096);
    expect(verifier).toMatch(/^SCRAM-SHA-256\$4096:AAAAAAAAAAAAAAAAAAAAAA==\$[A-Za-z0-9+/]{43}=:[A-Za-z0-9+/]{43}=$/);
  });

  it('computes the same verifier on the thread pool', async () => {
    const salt = Uint8Array.from({ length: 16 }, (_, i) => i);
    expect(await scramSha256VerifierAsync('pw', salt)).toBe(scramSha256Verifier('pw', salt));
    expect(await scramSha256VerifierAsync('pw', salt, 4)).toBe(scramSha256Verifier('pw', salt, 4));
  });
});

import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, type TestContext } from 'vitest';
import { isSqlrsError } from '@sqlrs/errors';
import type { InitSpec } from '../runtime.js';
import type { CaseHost } from './case-host.js';
import { ContractContext } from './contract-context.js';
import type { MakeRuntimeContractEnv, RuntimeContractEnv } from './contract-env.js';
import { clientCases } from './client-cases.js';
import { execCases } from './exec-cases.js';
import { imageCases } from './image-cases.js';
import { listCases } from './list-cases.js';
import { sandboxCases } from './sandbox-cases.js';

function initSpec(locales: string[]): InitSpec {
  const utf8 = ['C.UTF-8', 'C.utf8', 'en_US.UTF-8', 'en_US.utf8'].find((l) => locales.includes(l));
  return { encoding: 'UTF8', locale: utf8 ?? 'C' };
}

async function prepare(makeEnv: MakeRuntimeContractEnv): Promise<{ env?: RuntimeContractEnv; unavailable?: string }> {
  let made: RuntimeContractEnv | { unavailable: string };
  try {
    made = await makeEnv();
  } catch (error) {
    if (isSqlrsError(error) && error.code === 'unavailable') return { unavailable: error.message };
    throw error;
  }
  if ('unavailable' in made) return { unavailable: made.unavailable };
  const probe = await made.runtime.probe();
  if (!probe.ok) {
    await made.cleanup();
    return { unavailable: `${probe.reason}; ${probe.fix}` };
  }
  return { env: made };
}

/**
 * The runtime contract (engine.md §7.4, runClient included): every Runtime implementation runs it
 * for real. An unavailable runtime skips every case with the reason, or fails under `CI=true`.
 */
export function describeRuntimeContract(name: string, makeEnv: MakeRuntimeContractEnv): void {
  describe(`${name} runtime contract`, () => {
    let context: ContractContext | undefined;
    let unavailable: string | undefined;

    beforeAll(async () => {
      const prepared = await prepare(makeEnv);
      if (prepared.env === undefined) {
        unavailable = `${name} runtime is unavailable: ${prepared.unavailable ?? 'unknown reason'}`;
        if (process.env.CI === 'true') throw new Error(unavailable);
        return;
      }
      const env = prepared.env;
      const image = await env.runtime.resolveImage(env.imageRef, { pull: 'missing' });
      const baseDir = env.layout.tmpBaseDir(randomBytes(8).toString('hex'));
      await env.runtime.initBase(image, baseDir, initSpec(image.locales), () => undefined);
      context = new ContractContext(env, image, baseDir);
    }, 120_000);

    afterAll(async () => {
      if (context === undefined) return;
      await context.removeAll();
      await context.env.cleanup();
    }, 120_000);

    const host: CaseHost = {
      context(t: TestContext): ContractContext {
        if (context !== undefined) return context;
        if (unavailable !== undefined && process.env.CI !== 'true') t.skip(unavailable);
        throw new Error(unavailable ?? `${name} runtime contract setup failed`);
      },
    };
    imageCases(host);
    sandboxCases(host);
    execCases(host);
    clientCases(host);
    listCases(host);
  });
}

import type { TestContext } from 'vitest';
import type { ContractContext } from './contract-context.js';

/** Gives each case the shared context, or skips/fails the case when the runtime is unavailable. */
export interface CaseHost {
  context(t: TestContext): ContractContext;
}

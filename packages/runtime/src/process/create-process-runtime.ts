import type { Runtime } from '../runtime.js';
import { ProcessRuntime, type ProcessRuntimeOptions } from './process-runtime.js';

/** Creates the process runtime: sandboxes are host `postgres` processes (engine.md §7.3). */
export function createProcessRuntime(options: ProcessRuntimeOptions): Runtime {
  return new ProcessRuntime(options);
}

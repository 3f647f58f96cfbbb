import type { StoreLayout } from '@sqlrs/statefs';
import type { Runtime, Sandbox } from '../runtime.js';

/** What one runtime implementation hands the contract suite. */
export interface RuntimeContractEnv {
  runtime: Runtime;
  /** A new runtime object over the same store and settings, as after an engine restart. */
  reopen: () => Runtime;
  /** An image reference this runtime can resolve (`sqlrs-test/postgres:15`, `postgres:15`). */
  imageRef: string;
  /** An existing store (`ensureStoreDirs` done; 0711 directories above it when root). */
  layout: StoreLayout;
  /** The store id used for the sandboxes of most cases (some cases use random ones). */
  storeId: string;
  /** The socket directory as tools run by `exec` see it (Docker: `/var/run/postgresql`). */
  execSocketDir: (sandbox: Sandbox) => string;
  /** The server log of a sandbox, when the runtime can show it; enables the crash-recovery log check. */
  serverLog?: (sandbox: Sandbox, dataDir: string) => Promise<string>;
  /** Removes everything the env made (store directory, daemon objects). */
  cleanup: () => Promise<void>;
}

/** Builds an env, or explains why this runtime cannot run here (missing part and fix). */
export type MakeRuntimeContractEnv = () => Promise<RuntimeContractEnv | { unavailable: string }>;

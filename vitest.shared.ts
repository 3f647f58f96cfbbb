// Shared vitest settings: tests import workspace packages from source (the "@sqlrs/source"
// export condition), so a package tests alone without building its dependencies first.
import { defineConfig } from 'vitest/config';

export const sharedConfig = defineConfig({
  resolve: { conditions: ['@sqlrs/source', 'module', 'node', 'import', 'default'] },
  // Vitest passes these to its workers as `node --conditions`; Node adds import/require itself, and
  // an explicit `import` would make CommonJS packages (pg) require ESM builds.
  ssr: { resolve: { conditions: ['@sqlrs/source', 'node', 'default'] } },
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    reporters: ['default', new URL('./scripts/summary-reporter.ts', import.meta.url).pathname],
  },
});

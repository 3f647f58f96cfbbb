import { defineConfig } from 'vitest/config';

// `pnpm test` at the root: every package's own vitest config, in one run with one summary.
export default defineConfig({
  test: {
    projects: ['packages/*/vitest.config.ts', 'apps/*/vitest.config.ts', 'tooling/vitest.config.ts'],
    reporters: ['default', './scripts/summary-reporter.ts'],
  },
});

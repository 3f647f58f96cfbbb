import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/**
 * The launcher of the pinned npm distribution (`liquibase@4.28.1`, Liquibase 4.28.0 with the
 * PostgreSQL JDBC driver). Resolved through the package, since under pnpm it is not at
 * `<root>/node_modules/liquibase` (environment.md "Liquibase").
 */
export function pinnedLauncher(): string {
  const require = createRequire(import.meta.url);
  const packageJson = require.resolve('liquibase/package.json');
  return join(dirname(packageJson), 'dist', 'liquibase', 'liquibase');
}

/** The `examples/` directory of the pinned distribution (sample changelogs for tests and benches). */
export function pinnedExamplesDir(): string {
  return join(dirname(pinnedLauncher()), 'examples');
}

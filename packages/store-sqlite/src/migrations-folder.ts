import { fileURLToPath } from 'node:url';

/**
 * The committed drizzle-kit migrations. This file sits directly in src/ (and dist/), so the
 * folder resolves to `<package>/drizzle` whether the code runs from source or from the build.
 */
export function migrationsFolder(): string {
  return fileURLToPath(new URL('../drizzle', import.meta.url));
}

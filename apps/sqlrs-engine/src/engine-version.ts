import { createRequire } from 'node:module';

/** The engine version: this package's version (the same from src/ and dist/). */
export const ENGINE_VERSION: string = (createRequire(import.meta.url)('../package.json') as { version: string }).version;

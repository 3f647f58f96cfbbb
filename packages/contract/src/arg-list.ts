import { z } from 'zod';
import { utf8Length } from './primitives.js';

/** Request limits of api.md §1.9 that the schemas enforce. */
export const REQUEST_LIMITS = {
  /** Items in `psql_args`, `liquibase_args`, run `args` and a step's `args`. */
  argItems: 512,
  /** UTF-8 bytes of one argument item. */
  argItemBytes: 64 * 1024,
  /** Steps of one run. */
  runSteps: 256,
  /** Entries of `liquibase_env`. */
  envEntries: 64,
  /** Characters of a `liquibase_env` key. */
  envKeyChars: 128,
  /** UTF-8 bytes of a `liquibase_env` value. */
  envValueBytes: 8 * 1024,
} as const;

const ENV_KEY = /^[A-Za-z_][A-Za-z0-9_]*$/;

function checkItem(value: string, ctx: z.RefinementCtx): void {
  if (value.includes('\u0000')) {
    ctx.addIssue({ code: 'custom', message: 'argument contains a NUL character' });
  }
  if (value.length * 3 > REQUEST_LIMITS.argItemBytes && utf8Length(value) > REQUEST_LIMITS.argItemBytes) {
    ctx.addIssue({ code: 'custom', message: 'argument is longer than 64 KiB' });
  }
}

/** An argument list: at most 512 items, each at most 64 KiB of UTF-8 and free of NUL. */
export const ArgList = z
  .array(z.string().superRefine(checkItem))
  .max(REQUEST_LIMITS.argItems, `at most ${REQUEST_LIMITS.argItems} items are allowed`);

function checkEnv(env: Record<string, string>, ctx: z.RefinementCtx): void {
  const keys = Object.keys(env);
  if (keys.length > REQUEST_LIMITS.envEntries) {
    ctx.addIssue({ code: 'custom', message: `at most ${REQUEST_LIMITS.envEntries} entries are allowed` });
  }
  for (const key of keys) {
    if (key.length > REQUEST_LIMITS.envKeyChars) {
      ctx.addIssue({ code: 'custom', path: [key], message: 'variable name is longer than 128 characters' });
    } else if (!ENV_KEY.test(key)) {
      ctx.addIssue({
        code: 'custom',
        path: [key],
        message: 'variable names are letters, digits and "_", not starting with a digit',
      });
    }
    const value = env[key] ?? '';
    if (value.includes('\u0000')) {
      ctx.addIssue({ code: 'custom', path: [key], message: 'value contains a NUL character' });
    }
    if (utf8Length(value) > REQUEST_LIMITS.envValueBytes) {
      ctx.addIssue({ code: 'custom', path: [key], message: 'value is longer than 8 KiB' });
    }
  }
}

/** `liquibase_env`: at most 64 variables, names ≤ 128 characters, values ≤ 8 KiB (api.md §1.9, §4.3). */
export const LiquibaseEnv = z.record(z.string(), z.string()).superRefine(checkEnv);

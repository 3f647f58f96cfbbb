import { expect, test } from 'vitest';
import { ArgList, LiquibaseEnv, REQUEST_LIMITS } from '../src/index.js';

test('an item of exactly 64 KiB of UTF-8 passes, one byte more fails', () => {
  expect(ArgList.safeParse(['€'.repeat(21845) + 'a']).success).toBe(true);
  expect(ArgList.safeParse(['€'.repeat(21845) + 'ab']).success).toBe(false);
});

test('limits are the constants of api.md §1.9', () => {
  expect(REQUEST_LIMITS).toEqual({
    argItems: 512,
    argItemBytes: 65536,
    runSteps: 256,
    envEntries: 64,
    envKeyChars: 128,
    envValueBytes: 8192,
  });
});

test('liquibase_env accepts 64 entries and rejects NUL in values', () => {
  const env = Object.fromEntries(Array.from({ length: 64 }, (_, i) => [`V_${i}`, 'x']));
  expect(LiquibaseEnv.safeParse(env).success).toBe(true);
  expect(LiquibaseEnv.safeParse({ A: 'a\u0000' }).error?.issues.map((issue) => issue.message)).toEqual(['value contains a NUL character']);
});

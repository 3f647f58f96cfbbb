import { describe, expect, it } from 'vitest';
import { newBuildPassword } from '../src/lb-invocation.js';

describe('Liquibase build password', () => {
  it('is 144 random bits in hex, so it never starts with the "-" Liquibase takes for an option', () => {
    const drawn = new Set(Array.from({ length: 2000 }, () => newBuildPassword()));
    expect(drawn.size).toBe(2000);
    for (const password of drawn) expect(password).toMatch(/^[0-9a-f]{36}$/);
  });
});

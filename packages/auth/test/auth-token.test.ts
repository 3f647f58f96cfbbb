import { describe, expect, it } from 'vitest';
import { SqlrsError } from '@sqlrs/errors';
import { newAuthToken } from '../src/index.js';

describe('newAuthToken', () => {
  it('is 64 lowercase hex characters of 32 random bytes', () => {
    const token = newAuthToken((n) => Uint8Array.from({ length: n }, (_, i) => 255 - i));
    expect(token).toBe('fffefdfcfbfaf9f8f7f6f5f4f3f2f1f0efeeedecebeae9e8e7e6e5e4e3e2e1e0');
  });

  it('uses crypto randomness by default, new per call', () => {
    const first = newAuthToken();
    expect(first).toMatch(/^[0-9a-f]{64}$/);
    expect(newAuthToken()).not.toBe(first);
  });

  it('refuses a random source that returns too few bytes', () => {
    expect(() => newAuthToken(() => new Uint8Array(16))).toThrow(SqlrsError);
  });
});

import { describe, expect, it } from 'vitest';
import { SqlrsError } from '@sqlrs/errors';
import { isRandomId, isStateId, newRandomId, parseRandomId, parseStateId, toHex } from '../src/index.js';

const counting = (n: number): Uint8Array => Uint8Array.from({ length: n }, (_, i) => i * 17);

describe('random ids', () => {
  it('are 32 lowercase hex characters from 16 random bytes', () => {
    const id = newRandomId(counting);
    expect(id).toBe('00112233445566778899aabbccddeeff');
    expect(isRandomId(id)).toBe(true);
  });

  it('refuse a random source that returns too few bytes', () => {
    expect(() => newRandomId(() => new Uint8Array(3))).toThrow(SqlrsError);
  });

  it('match case-insensitively and canonicalise to lowercase', () => {
    expect(parseRandomId('00112233445566778899AABBCCDDEEFF')).toBe('00112233445566778899aabbccddeeff');
    expect(parseRandomId('00112233445566778899aabbccddeef')).toBeUndefined();
    expect(parseRandomId('00112233445566778899aabbccddeefg')).toBeUndefined();
    expect(isRandomId('0'.repeat(64))).toBe(false);
  });
});

describe('state ids', () => {
  it('are 64 hex characters, canonicalised to lowercase', () => {
    expect(isStateId('a'.repeat(64))).toBe(true);
    expect(parseStateId('AB'.repeat(32))).toBe('ab'.repeat(32));
    expect(parseStateId('a'.repeat(63))).toBeUndefined();
    expect(parseStateId('a'.repeat(65))).toBeUndefined();
  });

  it('hex-encode bytes with leading zeros', () => {
    expect(toHex(Uint8Array.from([0, 1, 255]))).toBe('0001ff');
  });
});

import { describe, expect, it } from 'vitest';
import { verifyBearer } from '../src/index.js';

const TOKEN = 'ab'.repeat(32);

describe('verifyBearer', () => {
  it('accepts the token after a case-insensitive Bearer scheme and one or more spaces', () => {
    expect(verifyBearer(`Bearer ${TOKEN}`, TOKEN)).toBe(true);
    expect(verifyBearer(`bearer ${TOKEN}`, TOKEN)).toBe(true);
    expect(verifyBearer(`BEARER    ${TOKEN}`, TOKEN)).toBe(true);
    expect(verifyBearer(`  Bearer ${TOKEN}  `, TOKEN)).toBe(true);
  });

  it('rejects missing, wrong, truncated or differently-shaped credentials', () => {
    expect(verifyBearer(undefined, TOKEN)).toBe(false);
    expect(verifyBearer('', TOKEN)).toBe(false);
    expect(verifyBearer('Bearer', TOKEN)).toBe(false);
    expect(verifyBearer(`Bearer ${TOKEN.slice(1)}`, TOKEN)).toBe(false);
    expect(verifyBearer(`Bearer ${TOKEN}x`, TOKEN)).toBe(false);
    expect(verifyBearer(`Bearer ${TOKEN.toUpperCase()}`, TOKEN)).toBe(false);
    expect(verifyBearer(`Basic ${TOKEN}`, TOKEN)).toBe(false);
    expect(verifyBearer(`Bearer\t${TOKEN}`, TOKEN)).toBe(false);
    expect(verifyBearer(`Bearer${TOKEN}`, TOKEN)).toBe(false);
    expect(verifyBearer(TOKEN, TOKEN)).toBe(false);
  });

  it('never accepts anything when the expected token is empty', () => {
    expect(verifyBearer('Bearer ', '')).toBe(false);
    expect(verifyBearer('Bearer x', '')).toBe(false);
  });
});

import { describe, expect, it } from 'vitest';
import { InstanceLocks } from '../src/instance-locks.js';

describe('InstanceLocks', () => {
  it('grants all ids or none, and frees them on release (twice is harmless)', () => {
    const locks = new InstanceLocks();
    const first = locks.tryLock(['a', 'b']);
    expect(first).toBeDefined();
    expect(locks.tryLock(['b', 'c'])).toBeUndefined();
    expect(locks.isLocked('c')).toBe(false);
    first?.();
    first?.();
    const second = locks.tryLock(['b', 'c']);
    expect(second).toBeDefined();
    expect(locks.isLocked('a')).toBe(false);
  });
});

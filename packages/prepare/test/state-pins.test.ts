import { describe, expect, it } from 'vitest';
import { StatePins } from '../src/state-pins.js';

describe('StatePins', () => {
  it('counts pins per state, so a state stays pinned until every job released it', () => {
    const pins = new StatePins();
    const first = pins.pin(['a', 'b']);
    const second = pins.pin(['b']);
    first();
    first();
    expect(pins.has('a')).toBe(false);
    expect(pins.has('b')).toBe(true);
    second();
    expect(pins.has('b')).toBe(false);
  });

  it('refuses deletion locks on pinned or busy states and holds the others until released', () => {
    const pins = new StatePins();
    const release = pins.pin(['a']);
    expect(pins.tryLockExclusive(['a', 'c'])).toBeUndefined();
    expect(pins.tryLockExclusive(['c'], (id) => id === 'c')).toBeUndefined();
    const lock = pins.tryLockExclusive(['c', 'd']);
    expect(lock).toBeTypeOf('function');
    expect(pins.has('c')).toBe(true);
    expect(pins.tryLockExclusive(['d'])).toBeUndefined();
    lock?.();
    expect(pins.has('d')).toBe(false);
    release();
    expect(pins.tryLockExclusive(['a'])).toBeTypeOf('function');
  });

  it('lets a job that pinned a state wait until a deletion holding it has finished', async () => {
    const pins = new StatePins();
    const lock = pins.tryLockExclusive(['a']);
    const unpin = pins.pin(['a', 'b']);
    // The job's pin now keeps every later deletion away…
    expect(pins.tryLockExclusive(['a'])).toBeUndefined();
    let waited = false;
    const waiting = pins.whenUnlocked(['a', 'b']).then(() => {
      waited = true;
    });
    await Promise.resolve();
    // …and the deletion that came first still runs until it releases.
    expect(waited).toBe(false);
    lock?.();
    await waiting;
    expect(waited).toBe(true);
    unpin();
  });
});

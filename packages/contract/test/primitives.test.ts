import { describe, expect, test } from 'vitest';
import { Name, RandomId, StateId, Timestamp, utf8Length } from '../src/primitives.js';

describe('ids and names', () => {
  test('ids are lowercase hex of the right length', () => {
    expect(RandomId.safeParse('0123456789abcdef0123456789abcdef').success).toBe(true);
    expect(RandomId.safeParse('0123456789ABCDEF0123456789ABCDEF').success).toBe(false);
    expect(StateId.safeParse('f'.repeat(64)).success).toBe(true);
    expect(StateId.safeParse('f'.repeat(63)).success).toBe(false);
  });

  test('names follow the §1.6 vectors', () => {
    expect(['deadbee', 'dead-beef1', 'dev', 'a.b_c-d'].map((name) => Name.safeParse(name).success)).toEqual([true, true, true, true]);
    expect(['deadbeef', 'Dev', '-dev', '', 'a'.repeat(64)].map((name) => Name.safeParse(name).success)).toEqual([
      false,
      false,
      false,
      false,
      false,
    ]);
  });
});

test('timestamps are UTC with milliseconds', () => {
  expect(Timestamp.safeParse(new Date(0).toISOString()).success).toBe(true);
  expect(Timestamp.safeParse('2025-06-01T09:30:00Z').success).toBe(false);
  expect(Timestamp.safeParse('2025-06-01T09:30:00.125+02:00').success).toBe(false);
});

test('utf8Length counts UTF-8 bytes', () => {
  expect(['a', 'é', '€', '😀', 'a😀é', '\ud800'].map(utf8Length)).toEqual([1, 2, 3, 4, 7, 3]);
});

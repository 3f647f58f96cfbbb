import { describe, expect, it } from 'vitest';
import { parseEventRange, resolveEventRange } from '../src/index.js';

const resolve = (header: string | undefined, total: number, live: boolean) =>
  resolveEventRange(parseEventRange(header), { total, live });

describe('parseEventRange', () => {
  it('treats an absent or empty header and other units as no range', () => {
    expect(parseEventRange(undefined)).toEqual({ kind: 'none' });
    expect(parseEventRange('')).toEqual({ kind: 'none' });
    expect(parseEventRange('bytes=0-99')).toEqual({ kind: 'none' });
    expect(parseEventRange('items=0-')).toEqual({ kind: 'none' });
  });

  it('parses open and closed event ranges', () => {
    expect(parseEventRange('events=17-')).toEqual({ kind: 'range', start: 17 });
    expect(parseEventRange('events=0-4')).toEqual({ kind: 'range', start: 0, end: 4 });
    expect(parseEventRange('events=3-3')).toEqual({ kind: 'range', start: 3, end: 3 });
    expect(parseEventRange(' events=2- ')).toEqual({ kind: 'range', start: 2 });
  });

  it('rejects lists, suffix ranges, reversed bounds and other shapes', () => {
    for (const header of [
      'events=0-1,3-4',
      'events=-5',
      'events=5-2',
      'events=a-',
      'events=',
      'events=1',
      'events= 1-',
      'events=99999999999999999999-',
      'events',
    ]) {
      expect(parseEventRange(header), header).toEqual({ kind: 'invalid' });
    }
  });
});

describe('resolveEventRange (api.md §4.9)', () => {
  it('serves everything with 200 when there is no range or another unit', () => {
    expect(resolve(undefined, 19, false)).toEqual({ kind: 'full' });
    expect(resolve('bytes=0-', 19, true)).toEqual({ kind: 'full' });
  });

  it('answers 416 with events */T for a malformed events range', () => {
    expect(resolve('events=5-2', 19, true)).toEqual({
      kind: 'unsatisfiable',
      contentRange: 'events */19',
      message: 'invalid Range header; use events=N- or events=N-M with M >= N',
    });
  });

  it('N- on a finished job: 206 events N-(T-1)/T, the example of §4.9', () => {
    expect(resolve('events=17-', 19, false)).toEqual({
      kind: 'partial',
      start: 17,
      end: undefined,
      contentRange: 'events 17-18/19',
    });
  });

  it('N == T on a finished job: 416 events */T, the example of §4.9', () => {
    expect(resolve('events=19-', 19, false)).toEqual({
      kind: 'unsatisfiable',
      contentRange: 'events */19',
      message: 'job has 19 events and is finished',
    });
  });

  it('N- on a live job: 206 events N-*/T, including N == T', () => {
    expect(resolve('events=3-', 10, true)).toEqual({
      kind: 'partial',
      start: 3,
      end: undefined,
      contentRange: 'events 3-*/10',
    });
    expect(resolve('events=10-', 10, true)).toEqual({
      kind: 'partial',
      start: 10,
      end: undefined,
      contentRange: 'events 10-*/10',
    });
  });

  it('N > T on a live job: 416 events */T', () => {
    expect(resolve('events=11-', 10, true)).toEqual({
      kind: 'unsatisfiable',
      contentRange: 'events */10',
      message: 'job has 10 events so far; start the range at 10 or below',
    });
  });

  it('N-M with M < T: 206 events N-M/T whether live or not', () => {
    const expected = { kind: 'partial', start: 2, end: 5, contentRange: 'events 2-5/10' };
    expect(resolve('events=2-5', 10, true)).toEqual(expected);
    expect(resolve('events=2-5', 10, false)).toEqual(expected);
  });

  it('N-M past the end of a finished job: 206 events N-(T-1)/T', () => {
    expect(resolve('events=17-40', 19, false)).toEqual({
      kind: 'partial',
      start: 17,
      end: 40,
      contentRange: 'events 17-18/19',
    });
  });

  it('N-M reaching past the persisted events of a live job: 206 events N-M/*', () => {
    expect(resolve('events=8-12', 10, true)).toEqual({
      kind: 'partial',
      start: 8,
      end: 12,
      contentRange: 'events 8-12/*',
    });
    expect(resolve('events=10-10', 10, true)).toEqual({
      kind: 'partial',
      start: 10,
      end: 10,
      contentRange: 'events 10-10/*',
    });
  });

  it('N-M starting past a finished job: 416 events */T', () => {
    expect(resolve('events=19-20', 19, false)).toEqual({
      kind: 'unsatisfiable',
      contentRange: 'events */19',
      message: 'job has 19 events and is finished',
    });
  });
});

import { describe, expect, test } from 'vitest';
import { SqlrsError } from '@sqlrs/errors';
import { formatDuration, formatDurationNs, isDuration, parseDuration, parseDurationNs } from '../src/index.js';

const S = 1_000_000_000n;
const MIN = 60n * S;
const H = 60n * MIN;

describe('parseDurationNs', () => {
  // Vectors of Go's time.ParseDuration.
  const cases: Array<[string, bigint]> = [
    ['0', 0n],
    ['-0', 0n],
    ['+0', 0n],
    ['5s', 5n * S],
    ['+5s', 5n * S],
    ['-5s', -5n * S],
    ['1478s', 1478n * S],
    ['5.0s', 5n * S],
    ['5.6s', 5_600_000_000n],
    ['5.s', 5n * S],
    ['.5s', 500_000_000n],
    ['1.004s', 1_004_000_000n],
    ['100.00100s', 100_001_000_000n],
    ['10ns', 10n],
    ['11us', 11_000n],
    ['12\u00b5s', 12_000n],
    ['12\u03bcs', 12_000n],
    ['13ms', 13_000_000n],
    ['15m', 15n * MIN],
    ['16h', 16n * H],
    ['3h30m', 3n * H + 30n * MIN],
    ['10.5s4m', 4n * MIN + 10_500_000_000n],
    ['-2m3.4s', -(2n * MIN + 3_400_000_000n)],
    ['1h2m3s4ms5us6ns', H + 2n * MIN + 3n * S + 4_000_000n + 5_000n + 6n],
    ['39h9m14.425s', 39n * H + 9n * MIN + 14_425_000_000n],
    ['52763797000ns', 52_763_797_000n],
    ['0.3333333333333333333h', 20n * MIN],
    ['9007199254740993ns', 9_007_199_254_740_993n],
    ['9223372036854775807ns', 9_223_372_036_854_775_807n],
    ['9223372036.854775807s', 9_223_372_036_854_775_807n],
    ['-9223372036854775808ns', -9_223_372_036_854_775_808n],
    ['0.100000000000000000000h', 6n * MIN],
    ['0.830103483285477580700h', 49n * MIN + 48_372_539_827n],
  ];
  test.each(cases)('%s', (text, ns) => {
    expect(parseDurationNs(text)).toBe(ns);
  });

  const bad = ['', '3', '-', 's', '.', '-.', '.s', '+.s', '1d', '1hh', '5 s', ' 5s', '1.2.3s'];
  bad.push('9223372036854775808ns', '9223372036854775808s', '2562048h');
  test.each(bad)('rejects %j', (text) => {
    expect(() => parseDurationNs(text)).toThrow(SqlrsError);
    expect(isDuration(text)).toBe(false);
  });

  test('the error tells the caller what a duration looks like', () => {
    expect(() => parseDuration('10 minutes')).toThrow(
      expect.objectContaining({
        code: 'invalid_argument',
        message: 'invalid duration',
        details: '"10 minutes": unknown unit " minutes"; use a Go duration such as 500ms, 10m or 1h30m',
      }),
    );
  });
});

describe('parseDuration', () => {
  test('returns milliseconds, fractional below one millisecond', () => {
    expect(parseDuration('1h30m')).toBe(5_400_000);
    expect(parseDuration('10m')).toBe(600_000);
    expect(parseDuration('500ms')).toBe(500);
    expect(parseDuration('1.5us')).toBe(0.0015);
    expect(parseDuration('-2s')).toBe(-2000);
    expect(parseDuration('0')).toBe(0);
  });
});

describe('formatDuration', () => {
  // Canonical forms of Go's Duration.String.
  const cases: Array<[bigint, string]> = [
    [0n, '0s'],
    [1n, '1ns'],
    [1_100n, '1.1\u00b5s'],
    [2_200_000n, '2.2ms'],
    [3_300_000_000n, '3.3s'],
    [4n * MIN + 5n * S, '4m5s'],
    [4n * MIN + 5_001_000_000n, '4m5.001s'],
    [5n * H + 6n * MIN + 7_001_000_000n, '5h6m7.001s'],
    [8n * MIN + 1n, '8m0.000000001s'],
    [H, '1h0m0s'],
    [-H - 30n * MIN, '-1h30m0s'],
    [9_223_372_036_854_775_807n, '2562047h47m16.854775807s'],
    [-9_223_372_036_854_775_808n, '-2562047h47m16.854775808s'],
  ];
  test.each(cases)('%s ns → %s', (ns, text) => {
    expect(formatDurationNs(ns)).toBe(text);
  });

  test('formats milliseconds', () => {
    expect(formatDuration(600_000)).toBe('10m0s');
    expect(formatDuration(5_400_000)).toBe('1h30m0s');
    expect(formatDuration(500)).toBe('500ms');
    expect(formatDuration(0)).toBe('0s');
    expect(formatDuration(1500)).toBe('1.5s');
    expect(formatDuration(0.0015)).toBe('1.5\u00b5s');
    expect(formatDuration(-1.5)).toBe('-1.5ms');
  });

  test('round-trips through parseDuration in canonical form', () => {
    for (const text of ['10m', '1h30m', '500ms', '0', '200ms', '5s', '30m', '1h', '2h45m30.5s', '-3m']) {
      const canonical = formatDuration(parseDuration(text));
      expect(parseDuration(canonical)).toBe(parseDuration(text));
      expect(formatDuration(parseDuration(canonical))).toBe(canonical);
    }
    expect(['10m', '1h30m', '500ms', '0'].map((text) => formatDuration(parseDuration(text)))).toEqual([
      '10m0s',
      '1h30m0s',
      '500ms',
      '0s',
    ]);
  });

  test('rejects non-finite milliseconds', () => {
    expect(() => formatDuration(Number.NaN)).toThrow('duration must be a finite number of milliseconds');
  });
});

import { SqlrsError } from '@sqlrs/errors';

const NS_PER_MS = 1_000_000n;
const MAX_NS = (1n << 63n) - 1n;
const LIMIT = 1n << 63n;

const UNITS: Readonly<Record<string, bigint>> = {
  ns: 1n,
  us: 1_000n,
  '\u00b5s': 1_000n,
  '\u03bcs': 1_000n,
  ms: NS_PER_MS,
  s: 1_000_000_000n,
  m: 60_000_000_000n,
  h: 3_600_000_000_000n,
};

function isDigit(char: string | undefined): boolean {
  return char !== undefined && char >= '0' && char <= '9';
}

function invalid(text: string, reason: string): SqlrsError {
  return new SqlrsError('invalid_argument', 'invalid duration', {
    details: `${JSON.stringify(text)}: ${reason}; use a Go duration such as 500ms, 10m or 1h30m`,
  });
}

/** Parses one `<number><unit>` term at `start` the way Go's time.ParseDuration does. */
function parseTerm(text: string, start: number): { ns: bigint; end: number } {
  let i = start;
  let whole = 0n;
  while (isDigit(text[i])) {
    whole = whole * 10n + BigInt(text.charCodeAt(i) - 48);
    if (whole > LIMIT) throw invalid(text, 'value out of range');
    i++;
  }
  let digits = i - start;
  let fraction = 0n;
  let scale = 1;
  let saturated = false;
  if (text[i] === '.') {
    i++;
    while (isDigit(text[i])) {
      // Like Go, digits that would overflow 63 bits are consumed but ignored.
      const next = fraction * 10n + BigInt(text.charCodeAt(i) - 48);
      if (saturated || fraction > MAX_NS / 10n || next > LIMIT) saturated = true;
      else {
        fraction = next;
        scale *= 10;
      }
      i++;
      digits++;
    }
  }
  if (digits === 0) throw invalid(text, 'expected a number');
  const unitStart = i;
  while (i < text.length && text[i] !== '.' && !isDigit(text[i])) i++;
  const unitText = text.slice(unitStart, i);
  if (unitText === '') throw invalid(text, 'missing unit');
  const unit = UNITS[unitText];
  if (unit === undefined) throw invalid(text, `unknown unit ${JSON.stringify(unitText)}`);
  if (whole > LIMIT / unit) throw invalid(text, 'value out of range');
  // Go adds the fraction in float64 arithmetic; doing the same keeps results identical (0.3333333333333333333h = 20m).
  const ns = whole * unit + BigInt(Math.trunc(Number(fraction) * (Number(unit) / scale)));
  if (ns > LIMIT) throw invalid(text, 'value out of range');
  return { ns, end: i };
}

/** Parses a Go duration (`1h30m`, `1.5s`, `-2m`, `0`) to exact nanoseconds; throws `invalid_argument`. */
export function parseDurationNs(text: string): bigint {
  let i = 0;
  let negative = false;
  if (text[0] === '-' || text[0] === '+') {
    negative = text[0] === '-';
    i = 1;
  }
  if (text.slice(i) === '0') return 0n;
  if (i === text.length) throw invalid(text, 'empty duration');
  let total = 0n;
  while (i < text.length) {
    if (text[i] !== '.' && !isDigit(text[i])) throw invalid(text, 'expected a number');
    const term = parseTerm(text, i);
    total += term.ns;
    if (total > LIMIT) throw invalid(text, 'value out of range');
    i = term.end;
  }
  if (negative) return -total;
  if (total > MAX_NS) throw invalid(text, 'value out of range');
  return total;
}

/** Parses a Go duration to milliseconds (fractional below a millisecond); throws `invalid_argument`. */
export function parseDuration(text: string): number {
  const ns = parseDurationNs(text);
  const ms = ns / NS_PER_MS;
  return Number(ms) + Number(ns - ms * NS_PER_MS) / 1e6;
}

/** True when `text` is a valid Go duration. */
export function isDuration(text: string): boolean {
  try {
    parseDurationNs(text);
    return true;
  } catch {
    return false;
  }
}

/** `value / 10^digits` as decimal text without trailing zeros, e.g. (1500n, 3) → "1.5". */
function decimal(value: bigint, digits: number): string {
  const scale = 10n ** BigInt(digits);
  const whole = (value / scale).toString();
  const fraction = (value % scale).toString().padStart(digits, '0').replace(/0+$/, '');
  return fraction === '' ? whole : `${whole}.${fraction}`;
}

/** Formats nanoseconds in Go's canonical form: `1h30m0s`, `10m0s`, `1.5s`, `500ms`, `2µs`, `0s`. */
export function formatDurationNs(ns: bigint): string {
  if (ns === 0n) return '0s';
  const sign = ns < 0n ? '-' : '';
  const abs = ns < 0n ? -ns : ns;
  if (abs < 1_000n) return `${sign}${abs}ns`;
  if (abs < NS_PER_MS) return `${sign}${decimal(abs, 3)}\u00b5s`;
  if (abs < 1_000_000_000n) return `${sign}${decimal(abs, 6)}ms`;
  const hours = abs / 3_600_000_000_000n;
  const minutes = (abs / 60_000_000_000n) % 60n;
  const seconds = decimal(abs % 60_000_000_000n, 9);
  if (hours > 0n) return `${sign}${hours}h${minutes}m${seconds}s`;
  if (minutes > 0n) return `${sign}${minutes}m${seconds}s`;
  return `${sign}${seconds}s`;
}

/** Formats milliseconds in Go's canonical form (rounded to whole nanoseconds). */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms)) throw new SqlrsError('invalid_argument', 'duration must be a finite number of milliseconds');
  const whole = Math.trunc(ms);
  return formatDurationNs(BigInt(whole) * NS_PER_MS + BigInt(Math.round((ms - whole) * 1e6)));
}

import { SqlrsError } from '@sqlrs/errors';

/** One step of a config path: an object key or an array index. */
export type ConfigPathSegment = string | number;

const KEY = /^[A-Za-z0-9_-]+/;
const INDEX = /^\[(0|[1-9][0-9]{0,8})\]/;
const FORBIDDEN_KEYS = new Set(['__proto__', 'prototype', 'constructor']);

function invalidPath(path: string, reason: string): SqlrsError {
  return new SqlrsError('invalid_argument', 'invalid path', {
    details:
      `${JSON.stringify(path)}: ${reason}; write dot-separated keys with optional [n] indexes, ` +
      'e.g. cache.capacity.maxBytes or runtime.portRange[0]',
    issues: [{ path: 'path', message: reason }],
  });
}

/** Splits `a.b[0].c` into `['a', 'b', 0, 'c']`; throws `invalid_argument` "invalid path" on bad syntax. */
export function parseConfigPath(path: string): ConfigPathSegment[] {
  const segments: ConfigPathSegment[] = [];
  let rest = path;
  while (true) {
    const key = KEY.exec(rest);
    if (key === null) throw invalidPath(path, rest === '' ? 'empty key' : `unexpected ${JSON.stringify(rest[0])}`);
    if (FORBIDDEN_KEYS.has(key[0])) throw invalidPath(path, `key ${JSON.stringify(key[0])} is not allowed`);
    segments.push(key[0]);
    rest = rest.slice(key[0].length);
    for (let index = INDEX.exec(rest); index !== null; index = INDEX.exec(rest)) {
      segments.push(Number(index[1]));
      rest = rest.slice(index[0].length);
    }
    if (rest === '') return segments;
    if (rest[0] !== '.') throw invalidPath(path, `unexpected ${JSON.stringify(rest[0])}`);
    rest = rest.slice(1);
  }
}

/** Joins segments back into the canonical path text (`a.b[0].c`). */
export function formatConfigPath(segments: readonly ConfigPathSegment[]): string {
  let out = '';
  for (const segment of segments) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else out += out === '' ? segment : `.${segment}`;
  }
  return out;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function child(container: unknown, segment: ConfigPathSegment): unknown {
  if (typeof segment === 'number') return Array.isArray(container) ? container[segment] : undefined;
  return isPlainObject(container) && Object.hasOwn(container, segment) ? container[segment] : undefined;
}

/** The value at `segments` inside `root`, or undefined when any step is missing. */
export function getAtPath(root: unknown, segments: readonly ConfigPathSegment[]): unknown {
  let current = root;
  for (const segment of segments) current = child(current, segment);
  return current;
}

/** A copy of `root` with `value` at `segments`, creating missing objects (or arrays before an index). */
export function setAtPath(root: unknown, segments: readonly ConfigPathSegment[], value: unknown): unknown {
  const [head, ...tail] = segments;
  if (head === undefined) return value;
  const next = tail.length === 0 ? value : setAtPath(child(root, head), tail, value);
  if (typeof head === 'number') {
    const copy = Array.isArray(root) ? [...(root as unknown[])] : [];
    while (copy.length < head) copy.push(null);
    copy[head] = next;
    return copy;
  }
  return { ...(isPlainObject(root) ? root : {}), [head]: next };
}

/** Result of {@link deleteAtPath}. */
export interface DeleteAtPathResult {
  /** The copy without the value; objects left empty by the removal are removed too. */
  value: unknown;
  /** False when nothing was at the path (the input is returned unchanged). */
  removed: boolean;
}

/** A copy of `root` without the value at `segments`; array items are removed, not nulled. */
export function deleteAtPath(root: unknown, segments: readonly ConfigPathSegment[]): DeleteAtPathResult {
  const [head, ...tail] = segments;
  if (head === undefined || child(root, head) === undefined) return { value: root, removed: false };
  if (typeof head === 'number') {
    const copy = [...(root as unknown[])];
    if (tail.length === 0) copy.splice(head, 1);
    else {
      const inner = deleteAtPath(copy[head], tail);
      if (!inner.removed) return { value: root, removed: false };
      copy[head] = inner.value;
    }
    return { value: copy, removed: true };
  }
  const copy: Record<string, unknown> = { ...(root as Record<string, unknown>) };
  if (tail.length === 0) delete copy[head];
  else {
    const inner = deleteAtPath(copy[head], tail);
    if (!inner.removed) return { value: root, removed: false };
    if (isPlainObject(inner.value) && Object.keys(inner.value).length === 0) delete copy[head];
    else copy[head] = inner.value;
  }
  return { value: copy, removed: true };
}

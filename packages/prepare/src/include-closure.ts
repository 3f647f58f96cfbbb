import { posix } from 'node:path';
import { SqlrsError } from '@sqlrs/errors';
import type { PsqlDependency } from './psql-meta-effects.js';

/** Bounds on what one request may pull in (engine.md §2.3). */
export interface ClosureLimits {
  /** Deepest include nesting below a step's source. */
  maxDepth: number;
  /** Distinct files (by dev:ino) across the request. */
  maxFiles: number;
  /** Bytes hashed across the request (every read counts). */
  maxBytes: number;
}

/** The limits of engine.md §2.3: depth 32, 10,000 files, 10 GiB. */
export const DEFAULT_CLOSURE_LIMITS: ClosureLimits = { maxDepth: 32, maxFiles: 10_000, maxBytes: 10 * 1024 ** 3 };

/** One input of a step's closure, with what it hashed to (re-verified before and after execution, §2.4). */
export type ClosureEntry =
  | { kind: 'script' | 'copy_data'; path: string; sha256: string; size: number }
  | { kind: 'include_missing'; path: string };

interface Frame {
  key: string;
  path: string;
  /** Where this file was included from (`file:line`), or null for a step's own source. */
  from: string | null;
}

/**
 * The include closure of one request: path resolution, the active include stack (cycle
 * detection by dev:ino), the limits, and each step's list of inputs.
 */
export class IncludeClosure {
  private readonly stack: Frame[] = [];
  private readonly files = new Set<string>();
  private bytes = 0;
  private entries = new Map<string, ClosureEntry>();

  constructor(
    /** psql's working directory: the directory of the request's first `-f` file, if any. */
    readonly cwd: string | null,
    private readonly limits: ClosureLimits = DEFAULT_CLOSURE_LIMITS,
  ) {}

  /** Resolves a dependency path as psql would open it; `sourcePath` is the including file (null for -c/stdin). */
  resolve(dep: PsqlDependency, sourcePath: string | null, where: string): string {
    const path = posix.normalize(dep.path).replace(/(.)\/+$/, '$1');
    if (posix.isAbsolute(path)) return path;
    if (dep.relativeToSource && sourcePath !== null) return posix.join(posix.dirname(sourcePath), path);
    if (this.cwd === null) {
      throw new SqlrsError(
        'invalid_argument',
        `${where} reads the relative path ${dep.path}, but psql has no working directory without a -f file; use an absolute path`,
      );
    }
    return posix.join(this.cwd, path);
  }

  /** The active include chain ending in `last`, as `path (from file:line) -> …`. */
  chain(last?: string): string {
    const parts = this.stack.map((frame) => (frame.from === null ? frame.path : `${frame.path} (included at ${frame.from})`));
    if (last !== undefined) parts.push(last);
    return parts.join(' -> ');
  }

  /** Pushes a file onto the include stack; fails on a cycle or too deep a nesting. */
  enter(key: string, path: string, from: string | null): void {
    if (this.stack.some((frame) => frame.key === key)) {
      throw new SqlrsError('invalid_argument', `include cycle at ${from ?? path}: ${path} is already being included; remove the recursive include`, {
        details: `include chain: ${this.chain(`${path} (included at ${from ?? path})`)}`,
      });
    }
    if (this.stack.length > this.limits.maxDepth) {
      throw new SqlrsError('invalid_argument', `includes nest deeper than ${this.limits.maxDepth} levels at ${from ?? path}; flatten the include chain`, {
        details: `include chain: ${this.chain(path)}`,
      });
    }
    this.stack.push({ key, path, from });
  }

  /** Pops the innermost file of the include stack. */
  leave(): void {
    this.stack.pop();
  }

  /** Counts a file and the bytes about to be hashed against the request limits. */
  count(key: string | null, bytes: number, where: string): void {
    if (key !== null) this.files.add(key);
    this.bytes += bytes;
    if (this.files.size > this.limits.maxFiles) {
      throw new SqlrsError('invalid_argument', `the inputs span more than ${this.limits.maxFiles} files (at ${where}); split the prepare`);
    }
    if (this.bytes > this.limits.maxBytes) {
      throw new SqlrsError('invalid_argument', `the inputs exceed ${this.limits.maxBytes} bytes (at ${where}); split the prepare`);
    }
  }

  /** Adds an input to the current step's closure (first occurrence wins). */
  record(entry: ClosureEntry): void {
    const id = `${entry.kind}\u0000${entry.path}`;
    if (!this.entries.has(id)) this.entries.set(id, entry);
  }

  /** Returns the current step's closure and starts an empty one for the next step. */
  takeEntries(): ClosureEntry[] {
    const taken = [...this.entries.values()];
    this.entries = new Map();
    return taken;
  }
}

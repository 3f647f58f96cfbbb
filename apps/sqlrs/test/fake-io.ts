// A CliIo that records stdout/stderr and lets a test press Ctrl+C.
import type { CliIo } from '../src/index.js';

/** The recording io and its captured output. */
export interface FakeIo extends CliIo {
  out: string;
  err: string;
  /** Fires the registered Ctrl+C handlers. */
  interrupt(): void;
}

/** A non-TTY io with `stdin` as its input. */
export function fakeIo(options: { store?: string; stdin?: string; env?: NodeJS.ProcessEnv; cwd?: string } = {}): FakeIo {
  const handlers = new Set<() => void>();
  const io: FakeIo = {
    out: '',
    err: '',
    env: { ...(options.store === undefined ? {} : { SQLRS_STATE_STORE: options.store }), HOME: '/nonexistent', ...options.env },
    cwd: options.cwd ?? '/work/app',
    stdout: { write: (t) => void (io.out += t), isTTY: false, columns: undefined },
    stderr: { write: (t) => void (io.err += t), isTTY: false, columns: undefined },
    stdinIsTTY: false,
    readStdin: async () => options.stdin ?? '',
    readKey: async () => 'c',
    onInterrupt: (handler) => {
      handlers.add(handler);
      return () => void handlers.delete(handler);
    },
    interrupt: () => handlers.forEach((h) => h()),
  };
  return io;
}

// The process edges the CLI touches, behind one interface so tests can drive it without a TTY.
import * as readline from 'node:readline';

/** A text sink (stdout or stderr) and whether it is a terminal. */
export interface TextSink {
  write(text: string): void;
  readonly isTTY: boolean;
  /** Terminal width when isTTY, else undefined. */
  readonly columns: number | undefined;
}

/** Everything the commands need from the process. */
export interface CliIo {
  readonly env: NodeJS.ProcessEnv;
  readonly cwd: string;
  readonly stdout: TextSink;
  readonly stderr: TextSink;
  readonly stdinIsTTY: boolean;
  /** Reads stdin to its end (for `-f -` and piped run input). */
  readStdin(): Promise<string>;
  /** Reads one key press from a TTY stdin (raw mode), lowercased. */
  readKey(): Promise<string>;
  /** Calls `handler` on every Ctrl+C (SIGINT) until the returned function is called. */
  onInterrupt(handler: () => void): () => void;
}

function sink(stream: NodeJS.WriteStream): TextSink {
  return {
    write: (text) => void stream.write(text),
    get isTTY() {
      return stream.isTTY === true;
    },
    get columns() {
      return stream.isTTY === true ? stream.columns : undefined;
    },
  };
}

/** The real process. */
export function processIo(): CliIo {
  return {
    env: process.env,
    cwd: process.cwd(),
    stdout: sink(process.stdout),
    stderr: sink(process.stderr),
    stdinIsTTY: process.stdin.isTTY === true,
    readStdin: async () => {
      const chunks: Buffer[] = [];
      for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
      return Buffer.concat(chunks).toString('utf8');
    },
    readKey: () =>
      new Promise((resolve) => {
        const stdin = process.stdin;
        readline.emitKeypressEvents(stdin);
        stdin.setRawMode(true);
        stdin.resume();
        stdin.once('keypress', (str: string | undefined, key: { name?: string; ctrl?: boolean } | undefined) => {
          stdin.setRawMode(false);
          stdin.pause();
          // Ctrl+C arrives as a key in raw mode, not as SIGINT.
          resolve(key?.ctrl === true && key.name === 'c' ? 'ctrl-c' : (str ?? key?.name ?? '').toLowerCase());
        });
      }),
    onInterrupt: (handler) => {
      process.on('SIGINT', handler);
      return () => void process.off('SIGINT', handler);
    },
  };
}

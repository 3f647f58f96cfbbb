// The Ctrl+C question during a watched job: cancel it, detach from it, or keep watching.
import type { CliIo } from '../cli-io.js';

/** What the user chose. */
export type InterruptChoice = 'cancel' | 'detach' | 'continue';

/** Asks on stderr and reads one key; off a TTY the answer is always `cancel`. */
export async function askOnInterrupt(io: CliIo, jobId: string): Promise<InterruptChoice> {
  if (!io.stdinIsTTY || !io.stderr.isTTY) return 'cancel';
  io.stderr.write(`\nCtrl+C: [c]ancel job ${jobId.slice(0, 12)}, [d]etach (it keeps running), other key: keep watching? `);
  const key = await io.readKey();
  const choice: InterruptChoice = key === 'c' || key === 'y' || key === 'ctrl-c' ? 'cancel' : key === 'd' ? 'detach' : 'continue';
  io.stderr.write(`${choice}\n`);
  return choice;
}

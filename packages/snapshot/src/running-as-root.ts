/** True when this process runs as root (owners can then be preserved). */
export function runningAsRoot(): boolean {
  return process.getuid?.() === 0;
}

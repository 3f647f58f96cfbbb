import type { RuntimeProbe } from '../runtime.js';
import type { DockerContext } from './docker-context.js';
import { daemonMessage, isDaemonUnreachable, unreachableReason } from './docker-errors.js';

// The oldest Engine API the runtime works with (Docker 20.10).
const MIN_API = [1, 41] as const;

/** True when a `major.minor` API version is at least 1.41. */
export function apiVersionSupported(version: string): boolean {
  const [major = Number.NaN, minor = Number.NaN] = version.split('.').map(Number);
  if (Number.isNaN(major) || Number.isNaN(minor)) return false;
  return major > MIN_API[0] || (major === MIN_API[0] && minor >= MIN_API[1]);
}

/** True when `GET /info`'s security options say the daemon runs rootless. */
export function isRootless(info: { SecurityOptions?: string[] | null }): boolean {
  return (info.SecurityOptions ?? []).some((option) => option.split(',').includes('name=rootless'));
}

/**
 * Asks the daemon whether it can run sandboxes: it answers ping and version, speaks API ≥ 1.41
 * and is not rootless (out of scope for v1). Never throws; a failure says what to do.
 */
export async function dockerProbe(context: DockerContext): Promise<RuntimeProbe> {
  try {
    await context.docker.ping();
    const version = await context.docker.version();
    if (!apiVersionSupported(version.ApiVersion)) {
      return {
        ok: false,
        reason: `the docker daemon at ${context.address} speaks API ${version.ApiVersion}, older than 1.41`,
        fix: 'upgrade Docker to 20.10 or newer, or set runtime.kind=process',
      };
    }
    const info = (await context.docker.info()) as { SecurityOptions?: string[] | null };
    if (isRootless(info)) {
      return {
        ok: false,
        reason: `the docker daemon at ${context.address} is rootless, which sqlrs does not support yet`,
        fix: 'use a rootful Docker daemon, or set runtime.kind=process',
      };
    }
    return { ok: true, version: version.Version };
  } catch (error) {
    if (isDaemonUnreachable(error)) return { ok: false, ...unreachableReason(context.address, error) };
    return {
      ok: false,
      reason: `the docker daemon at ${context.address} answered with an error: ${daemonMessage(error)}`,
      fix: 'check the daemon (docker info), then retry',
    };
  }
}

/** Where a server runs and how it is reached; the engine-owned part of its settings. */
export interface ServerSettingsInput {
  port: number;
  /** `127.0.0.1` (host networking, process runtime) or `*` (bridge). */
  listenAddresses: string;
  /** The socket directory as the server sees it. */
  socketDir: string;
  pgMajor: number;
}

// A list-valued setting: quote a path that holds a separator or quote (PostgreSQL list syntax).
function listItem(value: string): string {
  return /[\s,"]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

/**
 * The engine-owned settings of a sandbox (engine.md §7.1). Callers merge user settings first and
 * these last, so engine-owned ones win. `plan` sandboxes are throw-away clones and get the build set.
 */
export function serverSettings(
  purpose: 'build' | 'instance' | 'plan',
  input: ServerSettingsInput,
): Record<string, string> {
  const settings: Record<string, string> = {
    listen_addresses: input.listenAddresses,
    port: String(input.port),
    unix_socket_directories: listItem(input.socketDir),
    unix_socket_permissions: '0700',
  };
  if (input.pgMajor >= 14) settings.recovery_init_sync_method = 'syncfs';
  settings.fsync = 'off';
  settings.synchronous_commit = 'off';
  settings.full_page_writes = 'off';
  if (purpose === 'instance') return settings;
  settings.wal_level = 'minimal';
  settings.max_wal_senders = '0';
  settings.checkpoint_timeout = '1h';
  return settings;
}

/** `-c name=value` arguments for `settings`, in key order, so the command line is stable. */
export function settingsArgv(settings: Record<string, string>): string[] {
  return Object.keys(settings)
    .sort()
    .flatMap((name) => ['-c', `${name}=${settings[name]}`]);
}

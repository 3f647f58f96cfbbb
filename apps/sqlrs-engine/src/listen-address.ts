/** A loopback host and port to listen on. */
export interface ListenAddress {
  host: string;
  port: number;
}

/**
 * Parses `--listen` (`host:port`, `[::1]:port`, default 127.0.0.1:0). Only loopback hosts are
 * accepted (api.md §1.1); anything else returns an error message for exit code 2.
 */
export function parseListenAddress(value: string): ListenAddress | { error: string } {
  const match = /^(?:\[([^\]]+)\]|([^:]+)):(\d{1,5})$/.exec(value);
  if (match === null) return { error: `invalid --listen ${JSON.stringify(value)}; use host:port, e.g. 127.0.0.1:0` };
  const host = match[1] ?? match[2] ?? '';
  const port = Number(match[3]);
  if (port > 65535) return { error: `invalid --listen port ${port}; use 0..65535` };
  if (!isLoopback(host)) {
    return { error: `--listen host ${host} is not a loopback address; use 127.0.0.1, ::1 or localhost` };
  }
  return { host, port };
}

function isLoopback(host: string): boolean {
  if (host === 'localhost' || host === '::1') return true;
  const parts = host.split('.');
  return parts.length === 4 && parts[0] === '127' && parts.every((p) => /^\d{1,3}$/.test(p) && Number(p) <= 255);
}

/** The `endpoint` written to engine.json: host:port without a scheme, IPv6 in brackets. */
export function formatEndpoint(host: string, port: number): string {
  return host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
}

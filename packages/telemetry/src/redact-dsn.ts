const MASK = '***';
const URL_DSN = /^([a-z][a-z0-9+.-]*:\/\/)([^/?#]*)(.*)$/is;
const PASSWORD_PARAM = /(\bpassword\s*=\s*)('(?:[^'\\]|\\.)*'|[^\s&]*)/gi;

/**
 * Replaces the password of a PostgreSQL DSN with `***`: the `user:password@` part of a URL, a
 * `password=` query parameter, and a `password=` key of a key/value connection string.
 */
export function redactDsn(dsn: string): string {
  const url = URL_DSN.exec(dsn);
  if (url === null) return dsn.replace(PASSWORD_PARAM, `$1${MASK}`);
  const [, scheme = '', authority = '', rest = ''] = url;
  const at = authority.lastIndexOf('@');
  let safeAuthority = authority;
  if (at !== -1) {
    const userinfo = authority.slice(0, at);
    const colon = userinfo.indexOf(':');
    if (colon !== -1) safeAuthority = `${userinfo.slice(0, colon)}:${MASK}${authority.slice(at)}`;
  }
  return `${scheme}${safeAuthority}${rest.replace(PASSWORD_PARAM, `$1${MASK}`)}`;
}

import { SqlrsError } from '@sqlrs/errors';

const HAS_SCHEME = /^[a-z][a-z0-9+.-]*:\/\//i;

/**
 * The origin (`http://127.0.0.1:54321`) of an engine endpoint given as engine.json writes it
 * (`127.0.0.1:54321`, `[::1]:54321`) or as a full `http://` or `https://` URL without a path.
 */
export function endpointOrigin(endpoint: string): string {
  const text = endpoint.trim();
  const invalid = (reason: string): SqlrsError =>
    new SqlrsError('invalid_argument', `invalid engine endpoint ${JSON.stringify(endpoint)}; ${reason}`, {
      issues: [{ path: 'endpoint', message: reason }],
    });
  if (text === '') throw invalid('pass host:port as engine.json has it, e.g. 127.0.0.1:54321');
  let url: URL;
  try {
    url = new URL(HAS_SCHEME.test(text) ? text : `http://${text}`);
  } catch {
    throw invalid('pass host:port as engine.json has it, e.g. 127.0.0.1:54321');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw invalid('only http:// and https:// URLs are supported');
  if (url.pathname !== '/' || url.search !== '' || url.hash !== '' || url.username !== '' || url.password !== '') {
    throw invalid('give only the scheme, host and port, without a path, query or credentials');
  }
  return url.origin;
}

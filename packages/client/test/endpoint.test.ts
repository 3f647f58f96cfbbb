import { describe, expect, it } from 'vitest';
import { endpointOrigin } from '../src/endpoint.js';
import { caughtSync } from './caught.js';

const HOST_PORT_HINT = 'pass host:port as engine.json has it, e.g. 127.0.0.1:54321';
const ORIGIN_ONLY = 'give only the scheme, host and port, without a path, query or credentials';

function invalid(endpoint: string, reason: string): unknown {
  return {
    code: 'invalid_argument',
    message: `invalid engine endpoint ${JSON.stringify(endpoint)}; ${reason}`,
    details: undefined,
    issues: [{ path: 'endpoint', message: reason }],
    data: undefined,
  };
}

describe('endpointOrigin', () => {
  it('adds http:// to host:port as engine.json writes it', () => {
    expect(endpointOrigin('127.0.0.1:54321')).toBe('http://127.0.0.1:54321');
    expect(endpointOrigin('[::1]:54321')).toBe('http://[::1]:54321');
    expect(endpointOrigin(' localhost:8080 ')).toBe('http://localhost:8080');
  });

  it('accepts a full URL with or without a trailing slash', () => {
    expect(endpointOrigin('http://127.0.0.1:54321')).toBe('http://127.0.0.1:54321');
    expect(endpointOrigin('http://127.0.0.1:54321/')).toBe('http://127.0.0.1:54321');
    expect(endpointOrigin('HTTPS://engine.local:443/')).toBe('https://engine.local');
  });

  it('rejects empty and unparsable endpoints with a hint', () => {
    expect(caughtSync(() => endpointOrigin(''))).toEqual(invalid('', HOST_PORT_HINT));
    expect(caughtSync(() => endpointOrigin('127.0.0.1:99999'))).toEqual(invalid('127.0.0.1:99999', HOST_PORT_HINT));
  });

  it('rejects other schemes, paths, queries and credentials', () => {
    expect(caughtSync(() => endpointOrigin('unix:///run/sqlrs.sock'))).toEqual(
      invalid('unix:///run/sqlrs.sock', 'only http:// and https:// URLs are supported'),
    );
    for (const endpoint of ['http://127.0.0.1:1/v1', '127.0.0.1:1?x=1', 'http://u:p@127.0.0.1:1']) {
      expect(caughtSync(() => endpointOrigin(endpoint))).toEqual(invalid(endpoint, ORIGIN_ONLY));
    }
  });
});

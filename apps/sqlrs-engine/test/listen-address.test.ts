import { describe, expect, it } from 'vitest';
import { formatEndpoint, parseListenAddress } from '../src/listen-address.js';

describe('parseListenAddress', () => {
  it.each([
    ['127.0.0.1:0', { host: '127.0.0.1', port: 0 }],
    ['127.1.2.3:8080', { host: '127.1.2.3', port: 8080 }],
    ['localhost:5000', { host: 'localhost', port: 5000 }],
    ['[::1]:0', { host: '::1', port: 0 }],
  ])('accepts loopback %s', (value, expected) => {
    expect(parseListenAddress(value)).toEqual(expected);
  });

  it.each([
    ['0.0.0.0:80', '--listen host 0.0.0.0 is not a loopback address; use 127.0.0.1, ::1 or localhost'],
    ['10.0.0.1:80', '--listen host 10.0.0.1 is not a loopback address; use 127.0.0.1, ::1 or localhost'],
    ['127.0.0.1', 'invalid --listen "127.0.0.1"; use host:port, e.g. 127.0.0.1:0'],
    ['127.0.0.1:70000', 'invalid --listen port 70000; use 0..65535'],
  ])('rejects %s', (value, error) => {
    expect(parseListenAddress(value)).toEqual({ error });
  });

  it('formats endpoints without a scheme', () => {
    expect(formatEndpoint('127.0.0.1', 54321)).toBe('127.0.0.1:54321');
    expect(formatEndpoint('::1', 54321)).toBe('[::1]:54321');
  });
});

import { describe, expect, it } from 'vitest';
import { resolveStoreRoot } from '../src/index.js';

const homedir = '/home/dev';

describe('resolveStoreRoot', () => {
  it('prefers the flag, then SQLRS_STATE_STORE, then XDG_STATE_HOME, then ~/.local/state', () => {
    const env = { SQLRS_STATE_STORE: '/srv/env-store', XDG_STATE_HOME: '/xdg' };
    expect(resolveStoreRoot({ flag: '/srv/flag-store', env, homedir })).toBe('/srv/flag-store');
    expect(resolveStoreRoot({ env, homedir })).toBe('/srv/env-store');
    expect(resolveStoreRoot({ env: { XDG_STATE_HOME: '/xdg' }, homedir })).toBe('/xdg/sqlrs');
    expect(resolveStoreRoot({ env: {}, homedir })).toBe('/home/dev/.local/state/sqlrs');
  });

  it('treats empty values as unset', () => {
    expect(resolveStoreRoot({ flag: '', env: { SQLRS_STATE_STORE: ' ', XDG_STATE_HOME: '' }, homedir })).toBe(
      '/home/dev/.local/state/sqlrs',
    );
  });

  it('makes a relative flag or SQLRS_STATE_STORE absolute against cwd', () => {
    expect(resolveStoreRoot({ flag: 'store', env: {}, homedir, cwd: '/work' })).toBe('/work/store');
    expect(resolveStoreRoot({ env: { SQLRS_STATE_STORE: '../s/' }, homedir, cwd: '/work/a' })).toBe('/work/s');
  });

  it('ignores a relative XDG_STATE_HOME, as the XDG spec requires', () => {
    expect(resolveStoreRoot({ env: { XDG_STATE_HOME: 'state' }, homedir })).toBe('/home/dev/.local/state/sqlrs');
  });
});

import { describe, expect, it } from 'vitest';
import { StoreLayout, instanceSocketDir } from '../src/index.js';

const I = 'fedcba9876543210fedcba9876543210';
const STORE = '0123456789abcdef0123456789abcdef';

describe('instanceSocketDir', () => {
  it('uses the instance run dir when the socket path fits sun_path', () => {
    const layout = new StoreLayout('/root/.local/state/sqlrs');
    expect(instanceSocketDir(layout, I, { port: 15432, uid: 0, storeId: STORE, platform: 'linux' })).toBe(
      `/root/.local/state/sqlrs/instances/${I}/run`,
    );
  });

  it('moves to /tmp/sqlrs-<uid>-<store[0:8]>/<instance[0:12]> when it would not fit', () => {
    const layout = new StoreLayout(`/home/${'x'.repeat(40)}/.local/state/sqlrs`);
    expect(instanceSocketDir(layout, I, { port: 15432, uid: 1000, storeId: STORE, platform: 'linux' })).toBe(
      '/tmp/sqlrs-1000-01234567/fedcba987654',
    );
  });

  it('applies the shorter macOS limit', () => {
    // 103 bytes on macOS, 107 on Linux: this path is 105 bytes long.
    const root = `/${'r'.repeat(42)}`;
    const layout = new StoreLayout(root);
    const socket = `${layout.instanceRunDir(I)}/.s.PGSQL.15432`;
    expect(socket.length).toBe(105);
    expect(instanceSocketDir(layout, I, { port: 15432, uid: 501, storeId: STORE, platform: 'linux' })).toBe(
      layout.instanceRunDir(I),
    );
    expect(instanceSocketDir(layout, I, { port: 15432, uid: 501, storeId: STORE, platform: 'darwin' })).toBe(
      '/tmp/sqlrs-501-01234567/fedcba987654',
    );
  });
});

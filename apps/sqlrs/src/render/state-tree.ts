// States as a lineage tree: each state under the state it was built on.
import type { StateEntry } from '@sqlrs/contract';
import { shortId, table } from './table.js';

/** `1.5 MiB` style sizes. */
export function formatBytes(bytes: number | null): string {
  if (bytes === null) return '-';
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${unit === 0 ? value : value.toFixed(1)} ${units[unit]}`;
}

/** The states as a table whose first column draws the tree (roots: no parent, or parent not listed). */
export function stateTree(states: readonly StateEntry[]): string {
  const ids = new Set(states.map((s) => s.state_id));
  const children = new Map<string | null, StateEntry[]>();
  for (const s of states) {
    const parent = s.parent_state_id !== null && ids.has(s.parent_state_id) ? s.parent_state_id : null;
    children.set(parent, [...(children.get(parent) ?? []), s]);
  }
  const rows: string[][] = [];
  const walk = (parent: string | null, prefix: string, depth: number): void => {
    const list = children.get(parent) ?? [];
    list.forEach((s, i) => {
      const last = i === list.length - 1;
      const branch = depth === 0 ? '' : last ? '└─ ' : '├─ ';
      rows.push([`${prefix}${branch}${shortId(s.state_id)}`, s.prepare_kind, s.status, formatBytes(s.size_bytes), String(s.refcount), s.prepare_args_normalized]);
      walk(s.state_id, depth === 0 ? '' : `${prefix}${last ? '   ' : '│  '}`, depth + 1);
    });
  };
  walk(null, '', 0);
  return table(['STATE', 'KIND', 'STATUS', 'SIZE', 'REFS', 'ARGS'], rows);
}

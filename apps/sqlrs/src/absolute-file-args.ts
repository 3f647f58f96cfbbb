// Rewrites relative `-f`/`--file` values of psql and pgbench argument lists to absolute paths:
// the engine runs elsewhere (api.md §4.2 wants absolute paths), the user typed them from here.
import * as path from 'node:path';
import type { OptionSpec } from '@sqlrs/contract';

/** How the file argument is written: psql takes a path, pgbench `path[@weight]`. */
export type FileArgStyle = 'path' | 'weighted';

function absolute(value: string, cwd: string, style: FileArgStyle): string {
  if (value === '-' || value === '') return value;
  const weighted = style === 'weighted' ? /^(.*)@(\d+)$/.exec(value) : null;
  const file = weighted?.[1] ?? value;
  const resolved = path.isAbsolute(file) ? file : path.resolve(cwd, file);
  return weighted === null ? resolved : `${resolved}@${weighted[2]}`;
}

/**
 * Walks `args` the way getopt does with `table` and makes every `-f` value absolute against
 * `cwd`; anything it does not understand is left for the engine to judge.
 */
export function absoluteFileArgs<C extends string>(args: readonly string[], table: readonly OptionSpec<C>[], cwd: string, style: FileArgStyle): string[] {
  const out = [...args];
  const isFile = (spec: OptionSpec<C> | undefined): boolean => spec?.short === 'f';
  for (let i = 0; i < args.length; i++) {
    const item = args[i] as string;
    if (item === '--') break;
    if (item.startsWith('--')) {
      const eq = item.indexOf('=');
      const name = item.slice(2, eq < 0 ? undefined : eq);
      const spec = table.find((s) => s.long.includes(name));
      if (spec?.arity !== 'required') continue;
      if (eq >= 0) {
        if (isFile(spec)) out[i] = `--${name}=${absolute(item.slice(eq + 1), cwd, style)}`;
      } else {
        if (isFile(spec) && i + 1 < args.length) out[i + 1] = absolute(args[i + 1] as string, cwd, style);
        i++;
      }
      continue;
    }
    if (!item.startsWith('-') || item.length < 2) continue;
    for (let j = 1; j < item.length; j++) {
      const spec = table.find((s) => s.short === item[j]);
      if (spec === undefined || spec.arity === 'none') continue;
      const attached = item.slice(j + 1);
      if (attached !== '') {
        if (isFile(spec)) out[i] = item.slice(0, j + 1) + absolute(attached, cwd, style);
      } else if (spec.arity === 'required') {
        if (isFile(spec) && i + 1 < args.length) out[i + 1] = absolute(args[i + 1] as string, cwd, style);
        i++;
      }
      break;
    }
  }
  return out;
}

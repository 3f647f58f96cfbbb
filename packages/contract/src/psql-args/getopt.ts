/** Whether an option takes a value: never, always, or only as `--name=value` (GNU `optional_argument`). */
export type OptionArity = 'none' | 'required' | 'optional';

/** One row of a program's option table: its short letter, long names, arity and our class for it. */
export interface OptionSpec<C extends string> {
  /** The one-character short form (`h` for `-h`), absent for long-only options. */
  readonly short?: string;
  /** Long names without the leading `--`; the first is the canonical one. */
  readonly long: readonly string[];
  readonly arity: OptionArity;
  readonly class: C;
}

/** An option as it was found on a command line, in its canonical separate form. */
export interface ParsedOption {
  /** `-A` when the option has a short form, else `--csv`. */
  readonly flag: string;
  readonly value?: string;
  /** Index of the item holding the option. */
  readonly index: number;
  /** Index of the item holding the value: the same item when attached, else the next one. */
  readonly valueIndex?: number;
}

/** What {@link getoptTokens} finds, item by item, in the order getopt_long would report it. */
export type GetoptToken<C extends string> =
  | {
      readonly kind: 'option';
      readonly spec: OptionSpec<C>;
      /** The option as written, without any value: `-h` (also inside `-Xh`), `--host`. */
      readonly written: string;
      readonly index: number;
      readonly value?: string;
      readonly valueIndex?: number;
      /** A required value is missing, or a value was attached to an option that takes none. */
      readonly problem?: 'missing_value' | 'unexpected_value';
    }
  | { readonly kind: 'unknown'; readonly written: string; readonly index: number }
  | { readonly kind: 'positional'; readonly text: string; readonly index: number };

/** The canonical flag of an option: `-<short>` where one exists, else `--<first long name>`. */
export function optionFlag(spec: OptionSpec<string>): string {
  return spec.short === undefined ? `--${spec.long[0] ?? ''}` : `-${spec.short}`;
}

/** An option table indexed for lookup by short letter and by exact long name. */
export interface OptionTable<C extends string> {
  readonly short: ReadonlyMap<string, OptionSpec<C>>;
  readonly long: ReadonlyMap<string, OptionSpec<C>>;
}

/** Indexes a program's option rows for {@link getoptTokens}. */
export function optionTable<C extends string>(specs: readonly OptionSpec<C>[]): OptionTable<C> {
  const short = new Map<string, OptionSpec<C>>();
  const long = new Map<string, OptionSpec<C>>();
  for (const spec of specs) {
    if (spec.short !== undefined) short.set(spec.short, spec);
    for (const name of spec.long) long.set(name, spec);
  }
  return { short, long };
}

function* longOption<C extends string>(args: readonly string[], index: number, lookup: OptionTable<C>): Generator<GetoptToken<C>, number> {
  const item = args[index] ?? '';
  const eq = item.indexOf('=');
  const written = eq < 0 ? item : item.slice(0, eq);
  // Exact names only: getopt_long would take a unique prefix (`--db` for `--dbname`), which
  // could smuggle connection flags past a reviewer, so abbreviations count as unknown.
  const spec = lookup.long.get(written.slice(2));
  if (spec === undefined) {
    yield { kind: 'unknown', written, index };
    return index + 1;
  }
  if (eq >= 0) {
    const value = item.slice(eq + 1);
    if (spec.arity === 'none') yield { kind: 'option', spec, written, index, problem: 'unexpected_value' };
    else yield { kind: 'option', spec, written, index, value, valueIndex: index };
    return index + 1;
  }
  if (spec.arity !== 'required') {
    yield { kind: 'option', spec, written, index };
    return index + 1;
  }
  const value = args[index + 1];
  if (value === undefined) {
    yield { kind: 'option', spec, written, index, problem: 'missing_value' };
    return index + 1;
  }
  yield { kind: 'option', spec, written, index, value, valueIndex: index + 1 };
  return index + 2;
}

function* shortCluster<C extends string>(args: readonly string[], index: number, lookup: OptionTable<C>): Generator<GetoptToken<C>, number> {
  let rest = (args[index] ?? '').slice(1);
  while (rest !== '') {
    // Step by code point so a non-ASCII letter is reported whole.
    const letter = String.fromCodePoint(rest.codePointAt(0) ?? 0);
    rest = rest.slice(letter.length);
    const written = `-${letter}`;
    const spec = lookup.short.get(letter);
    if (spec === undefined) {
      yield { kind: 'unknown', written, index };
      continue;
    }
    if (spec.arity !== 'required') {
      // A short option never takes an optional value in the tables we parse.
      yield { kind: 'option', spec, written, index };
      continue;
    }
    if (rest !== '') {
      yield { kind: 'option', spec, written, index, value: rest, valueIndex: index };
      return index + 1;
    }
    const value = args[index + 1];
    if (value === undefined) {
      yield { kind: 'option', spec, written, index, problem: 'missing_value' };
      return index + 1;
    }
    yield { kind: 'option', spec, written, index, value, valueIndex: index + 1 };
    return index + 2;
  }
  return index + 1;
}

/**
 * Splits a command line the way GNU getopt_long does against an option table (clusters, attached and
 * next-item values, `--name=value`, `--` ending the options), except that long names must be exact.
 */
export function* getoptTokens<C extends string>(
  args: readonly string[],
  lookup: OptionTable<C>,
): Generator<GetoptToken<C>, void> {
  let index = 0;
  let optionsEnded = false;
  while (index < args.length) {
    const item = args[index] ?? '';
    if (optionsEnded || item === '-' || !item.startsWith('-')) {
      yield { kind: 'positional', text: item, index };
      index += 1;
    } else if (item === '--') {
      // getopt swallows `--`; callers see it, since it only matters when bare words follow.
      yield { kind: 'positional', text: item, index };
      optionsEnded = true;
      index += 1;
    } else if (item.startsWith('--')) {
      index = yield* longOption(args, index, lookup);
    } else {
      index = yield* shortCluster(args, index, lookup);
    }
  }
}

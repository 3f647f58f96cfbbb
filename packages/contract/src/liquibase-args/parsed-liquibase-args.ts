/** An option as given, with its normalised name (api.md §4.3: lowercase, `-`/`_` removed). */
export interface LiquibaseOption {
  /** Normalised name, e.g. `changelogfile`. */
  name: string;
  /** The spelling used, without the leading `--`. */
  spelling: string;
  /** null for a bare boolean option. */
  value: string | null;
}

/** The commands a prepare accepts (api.md §4.3), in their canonical spelling. */
export type LiquibaseCommand = 'update' | 'update-count' | 'update-to-tag';

/** `liquibase_args` after api.md §4.3 parsing (no I/O: paths are resolved, not checked). */
export interface ParsedLiquibaseArgs {
  /** Options before the command, except the path options below. */
  globalOptions: LiquibaseOption[];
  command: LiquibaseCommand;
  /** update-count's `--count`, else null. */
  count: number | null;
  /** update-to-tag's `--tag`, else null. */
  tag: string | null;
  /** Options after the command, except the path options, `--count` and `--tag`. */
  commandOptions: LiquibaseOption[];
  /** `-Dkey=value` changelog parameters in order. */
  parameters: { name: string; value: string }[];
  /** Absolute (or `classpath:`/URL) changelog path; null when a defaults file may carry it. */
  changelogFile: string | null;
  defaultsFile: string | null;
  /** Absolute search path roots, or null. */
  searchPath: string[] | null;
  /** `--contexts` / `--context-filter` text, trimmed; '' when absent. */
  contexts: string;
  /** `--labels` / `--label-filter` text, trimmed; '' when absent. */
  labels: string;
  /** `prepare_args_normalized` (api.md §4.3). */
  normalized: string;
}

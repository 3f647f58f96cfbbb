import { SqlrsError } from '@sqlrs/errors';
import { parseJavaProperties } from './java-properties.js';
import { normalizeLiquibaseName, rejectedLiquibaseName } from './parse-liquibase-args.js';

/** What a defaults file contributes to a cache key: its `parameter.*` entries. */
export interface DefaultsFileContent {
  parameters: { name: string; value: string }[];
  properties: Map<string, string>;
}

/**
 * api.md §4.3: a defaults file holding a rejected key in any spelling (`liquibase.command.`
 * prefix included) is refused with the option's message. Returns its parsed content.
 */
export function validateDefaultsFile(text: string, path: string): DefaultsFileContent {
  const properties = parseJavaProperties(text);
  const parameters: { name: string; value: string }[] = [];
  for (const [key, value] of properties) {
    if (key.startsWith('parameter.')) {
      parameters.push({ name: key.slice('parameter.'.length), value });
      continue;
    }
    const rejected = rejectedLiquibaseName(normalizeLiquibaseName(key));
    if (rejected !== undefined) {
      throw new SqlrsError('invalid_argument', rejected, { details: `${path}: ${key}`, issues: [{ path: 'liquibase_args', message: rejected }] });
    }
  }
  return { parameters, properties };
}

import { SqlrsError } from '@sqlrs/errors';

const KEY = /^[A-Za-z_][A-Za-z0-9_]*$/;
const CONNECTION = /^LIQUIBASE_(COMMAND_)?(URL|USERNAME|PASSWORD|DRIVER|CLASSPATH|DRIVER_PROPERTIES_FILE|REFERENCE_.*)$/i;
const JVM = new Set(['JAVA_OPTS', 'JAVA_TOOL_OPTIONS', 'JDK_JAVA_OPTIONS', '_JAVA_OPTIONS']);

function envError(message: string, key: string): SqlrsError {
  return new SqlrsError('invalid_argument', message, { details: key, issues: [{ path: `liquibase_env.${key}`, message }] });
}

/** api.md §4.3 rules for `liquibase_env` keys. */
export function validateLiquibaseEnv(env: Readonly<Record<string, string>>): void {
  for (const key of Object.keys(env)) {
    if (!KEY.test(key)) throw envError('liquibase_env keys must match ^[A-Za-z_][A-Za-z0-9_]*$', key);
    if (CONNECTION.test(key)) throw envError('connection flags are not allowed', key);
    if (JVM.has(key.toUpperCase())) throw envError('runtime flags are not allowed', key);
  }
}

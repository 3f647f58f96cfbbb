import { describe, expect, it } from 'vitest';
import { parseLiquibaseArgs } from '../../src/liquibase-args/parse-liquibase-args.js';
import { parseJavaProperties } from '../../src/liquibase-args/java-properties.js';
import { validateDefaultsFile } from '../../src/liquibase-args/validate-defaults-file.js';
import { validateLiquibaseEnv } from '../../src/liquibase-args/validate-liquibase-env.js';

function message(fn: () => unknown): string | undefined {
  try {
    fn();
    return undefined;
  } catch (error) {
    return (error as Error).message;
  }
}

describe('parseLiquibaseArgs (api.md §4.3)', () => {
  it('parses options, the command, command options and -D parameters, resolving paths', () => {
    const parsed = parseLiquibaseArgs(
      ['--log-level=info', 'update', '--changelog-file', 'db/main.xml', '--contexts', ' ci, test ', '-Dschema=app', '--labels=x'],
      '/w/app',
    );
    expect(parsed).toMatchObject({
      command: 'update',
      changelogFile: '/w/app/db/main.xml',
      contexts: 'ci, test',
      labels: 'x',
      parameters: [{ name: 'schema', value: 'app' }],
      globalOptions: [{ name: 'loglevel', value: 'info' }],
    });
    expect(parsed.normalized).toBe("--log-level=info update --changelog-file=/w/app/db/main.xml '--contexts= ci, test ' --labels=x -Dschema=app");
  });

  it('normalises option names in every spelling', () => {
    expect(parseLiquibaseArgs(['update', '--changelogFile=/a.xml'], null).changelogFile).toBe('/a.xml');
    expect(parseLiquibaseArgs(['update', '--changelog_file=/a.xml'], null).changelogFile).toBe('/a.xml');
    expect(parseLiquibaseArgs(['update', '--search-path=/a,/b/../c'], null).searchPath).toEqual(['/a', '/c']);
  });

  it.each([
    [['update', '--url=jdbc:x'], 'connection flags are not allowed'],
    [['update', '--Username', 'x'], 'connection flags are not allowed'],
    [['--referenceUrl=x', 'update'], 'connection flags are not allowed'],
    [['update', '--reference-password=x'], 'connection flags are not allowed'],
    [['update', '--classpath=/x.jar'], 'runtime flags are not allowed'],
    [['update', '--driver-properties-file=/p'], 'runtime flags are not allowed'],
    [['update', '--help'], 'option not allowed in prepare'],
    [['-v'], 'option not allowed in prepare'],
    [[], 'lb command is required'],
    [['--log-level=info'], 'lb command is required'],
    [['update-sql'], 'unsupported lb command'],
    [['rollback'], 'unsupported lb command'],
    [['--changelog-file', 'a.xml', 'update'], 'use --name=value before the command'],
    [['update', 'extra'], 'unexpected positional argument'],
    [['update-count'], 'update-count needs --count = a positive integer'],
    [['update-count', '--count=0'], 'update-count needs --count = a positive integer'],
    [['update-to-tag', '--tag='], 'update-to-tag needs a non-empty --tag'],
    [['update', '--changelog-file=rel.xml'], 'work_dir is required for relative paths'],
  ])('rejects %j with "%s"', (args, expected) => {
    expect(message(() => parseLiquibaseArgs(args, null))).toBe(expected);
  });

  it('takes --count and --tag for their commands', () => {
    expect(parseLiquibaseArgs(['update-count', '--count', '3'], null)).toMatchObject({ command: 'update-count', count: 3, commandOptions: [] });
    expect(parseLiquibaseArgs(['updateToTag', '--tag=v1'], null)).toMatchObject({ command: 'update-to-tag', tag: 'v1' });
  });
});

describe('liquibase_env and defaults files', () => {
  it('rejects connection and JVM variables', () => {
    expect(message(() => validateLiquibaseEnv({ liquibase_command_url: 'x' }))).toBe('connection flags are not allowed');
    expect(message(() => validateLiquibaseEnv({ LIQUIBASE_REFERENCE_URL: 'x' }))).toBe('connection flags are not allowed');
    expect(message(() => validateLiquibaseEnv({ JAVA_TOOL_OPTIONS: 'x' }))).toBe('runtime flags are not allowed');
    expect(message(() => validateLiquibaseEnv({ 'BAD-KEY': 'x' }))).toMatch(/must match/);
    expect(message(() => validateLiquibaseEnv({ LIQUIBASE_COMMAND_CONTEXTS: 'ci', JAVA_HOME: '/j' }))).toBeUndefined();
  });

  it('parses Java properties and refuses rejected keys in any spelling', () => {
    expect(parseJavaProperties('# c\n! c\na=1\nb : 2\nc 3\nlong=x\\\n  y\n')).toEqual(new Map([['a', '1'], ['b', '2'], ['c', '3'], ['long', 'xy']]));
    expect(validateDefaultsFile('parameter.schema=app\ncontexts=ci\n', '/d').parameters).toEqual([{ name: 'schema', value: 'app' }]);
    expect(message(() => validateDefaultsFile('liquibase.command.password=x\n', '/d'))).toBe('connection flags are not allowed');
    expect(message(() => validateDefaultsFile('url: jdbc:x\n', '/d'))).toBe('connection flags are not allowed');
    expect(message(() => validateDefaultsFile('classpath=/x.jar\n', '/d'))).toBe('runtime flags are not allowed');
  });
});

import { describe, expect, it } from 'vitest';
import { COMMANDS } from '../src/commands/index.js';
import { findCommand, parseCommandArgs } from '../src/parse-command-line.js';

function parse(argv: string[]) {
  const { command, before, after } = findCommand(argv, COMMANDS);
  if (command === undefined) throw new Error('no command');
  return { name: command.name, ...parseCommandArgs(command, before, after) };
}

describe('command line parsing', () => {
  it('finds two-word commands and global options before them', () => {
    const p = parse(['-o', 'json', 'config', 'set', 'log.level', 'debug']);
    expect([p.name, p.values['output'], p.positionals]).toEqual(['config set', 'json', ['log.level', 'debug']]);
  });

  it('keeps tool arguments after -- untouched, options included', () => {
    const p = parse(['prepare:psql', '--name', 'dev', '--', '-f', 'a.sql', '--name', 'x']);
    expect([p.values['name'], p.toolArgs, p.rest]).toEqual(['dev', ['-f', 'a.sql', '--name', 'x'], undefined]);
  });

  it('splits the composite at the first run:* word', () => {
    const p = parse(['prepare:psql', '--', '-f', 'a.sql', 'run:pgbench', '--timeout', '5', '--', '-T', '1']);
    expect([p.toolArgs, p.rest]).toEqual([['-f', 'a.sql'], ['run:pgbench', '--timeout', '5', '--', '-T', '1']]);
  });

  it('rejects -- for commands without tool arguments', () => {
    expect(() => parse(['ls', '--', '-x'])).toThrow('ls takes no arguments after --');
  });

  it('parses short flags and clusters', () => {
    const p = parse(['rm', '-rf', '--dry-run', '3f2a9c01']);
    expect([p.values['recurse'], p.values['force'], p.values['dry-run'], p.positionals]).toEqual([true, true, true, ['3f2a9c01']]);
  });
});

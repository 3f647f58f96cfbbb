import { execFileSync, spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { COMMANDS } from '../src/commands/index.js';
import { bashCompletion, zshCompletion } from '../src/commands/completion.js';

function complete(line: string): string[] {
  // COMP_WORDS as bash splits the line; the last word is being completed.
  const words = line.split(' ');
  const script = `${bashCompletion(COMMANDS)}\nCOMP_WORDS=(${words.map((w) => `'${w}'`).join(' ')}); COMP_CWORD=${words.length - 1}; _sqlrs; printf '%s\\n' "\${COMPREPLY[@]}"`;
  return execFileSync('bash', ['-c', script], { encoding: 'utf8' }).split('\n').filter((l) => l !== '');
}

describe('bash completion', () => {
  it('completes commands, subcommands and each command’s options', () => {
    expect(complete('sqlrs pre')).toEqual(['prepare:psql', 'prepare:lb']);
    expect(complete('sqlrs engine st')).toEqual(['start', 'stop', 'status']);
    expect(complete('sqlrs rm --dr')).toEqual(['--dry-run']);
    expect(complete('sqlrs config get --eff')).toEqual(['--effective']);
  });
});

describe('zsh completion', () => {
  const zsh = spawnSync('zsh', ['--version']).status === 0;
  it('is valid zsh syntax', (t) => {
    if (!zsh && process.env.CI === 'true') throw new Error('zsh is not installed (apt-get install zsh)');
    if (!zsh) t.skip('zsh is not installed (apt-get install zsh)');
    expect(spawnSync('zsh', ['-n', '-c', zshCompletion(COMMANDS)]).status).toBe(0);
  });
  it('names every top-level command', () => {
    const script = zshCompletion(COMMANDS);
    for (const c of COMMANDS) expect(script).toContain(c.name.split(' ')[0]?.replace(':', '\\:'));
  });
});

// completion bash|zsh: shell completion scripts generated from the command table.
import type { Command } from '../command.js';
import { EXIT } from '../exit-codes.js';
import { GLOBAL_OPTIONS } from '../global-options.js';
import { usageError } from '../usage-error.js';

function flags(command: Command | undefined): string {
  return [...GLOBAL_OPTIONS, ...(command?.options ?? [])].map((o) => `--${o.name}`).join(' ');
}

/** The bash script: `source <(sqlrs completion bash)`. */
export function bashCompletion(commands: readonly Command[]): string {
  const firstWords = [...new Set(commands.map((c) => c.name.split(' ')[0] as string))].join(' ');
  const cases = commands.map((c) => `    "${c.name}") opts="${flags(c)}" ;;`).join('\n');
  const subs = [...new Set(commands.filter((c) => c.name.includes(' ')).map((c) => c.name.split(' ')[0] as string))]
    .map((group) => `    ${group}) subs="${commands.filter((c) => c.name.startsWith(`${group} `)).map((c) => c.name.split(' ')[1]).join(' ')}" ;;`)
    .join('\n');
  return `# bash completion for sqlrs; load with: source <(sqlrs completion bash)
_sqlrs() {
  local cur=\${COMP_WORDS[COMP_CWORD]} cmd="" subs="" opts="" i
  for ((i = 1; i < COMP_CWORD; i++)); do
    [[ \${COMP_WORDS[i]} == -- ]] && return 0
    [[ \${COMP_WORDS[i]} == -* ]] && continue
    if [[ -z $cmd ]]; then cmd=\${COMP_WORDS[i]}; elif [[ $cmd != *" "* ]]; then cmd="$cmd \${COMP_WORDS[i]}"; fi
  done
  if [[ -z $cmd ]]; then
    COMPREPLY=($(compgen -W "${firstWords} ${flags(undefined)}" -- "$cur")); return 0
  fi
  case $cmd in
${subs}
  esac
  if [[ -n $subs && $cmd != *" "* ]]; then COMPREPLY=($(compgen -W "$subs" -- "$cur")); return 0; fi
  case $cmd in
${cases}
    *) opts="${flags(undefined)}" ;;
  esac
  if [[ $cur == -* ]]; then COMPREPLY=($(compgen -W "$opts" -- "$cur")); else COMPREPLY=($(compgen -f -- "$cur")); fi
}
complete -F _sqlrs sqlrs
`;
}

/** The zsh script: `source <(sqlrs completion zsh)` (after compinit). */
export function zshCompletion(commands: readonly Command[]): string {
  const described = commands.filter((c) => !c.name.includes(' ')).map((c) => `    '${c.name.replace(/:/g, '\\:')}:${c.summary.replace(/'/g, '')}'`);
  const groups = [...new Set(commands.filter((c) => c.name.includes(' ')).map((c) => c.name.split(' ')[0] as string))];
  const groupLines = groups.map((g) => `    '${g}:${g} commands'`);
  const subCases = groups
    .map((g) => `      ${g}) compadd -- ${commands.filter((c) => c.name.startsWith(`${g} `)).map((c) => c.name.split(' ')[1]).join(' ')} ;;`)
    .join('\n');
  const optCases = commands.map((c) => `      '${c.name}') compadd -- ${flags(c)} ;;`).join('\n');
  return `#compdef sqlrs
# zsh completion for sqlrs; load with: source <(sqlrs completion zsh)  (after compinit)
_sqlrs() {
  local -a cmds
  cmds=(
${[...described, ...groupLines].join('\n')}
  )
  if (( CURRENT == 2 )); then _describe 'sqlrs command' cmds; return; fi
  local cmd=\${words[2]}
  if (( CURRENT == 3 )); then
    case $cmd in
${subCases}
    esac
  fi
  [[ \${words[CURRENT]} == -* ]] || { _files; return; }
  [[ " ${groups.join(' ')} " == *" $cmd "* && CURRENT -gt 3 ]] && cmd="$cmd \${words[3]}"
  case $cmd in
${optCases}
      *) compadd -- ${flags(undefined)} ;;
  esac
}
compdef _sqlrs sqlrs
`;
}

/** The completion command over the full command table. */
export function completionCommand(commands: () => readonly Command[]): Command {
  return {
    name: 'completion',
    summary: 'print a shell completion script (bash or zsh)',
    usage: 'bash|zsh',
    options: [],
    positionals: { min: 1, max: 1 },
    examples: ['source <(sqlrs completion bash)', 'echo "source <(sqlrs completion zsh)" >> ~/.zshrc'],
    run: async (ctx, args) => {
      const shell = args.positionals[0];
      if (shell !== 'bash' && shell !== 'zsh') throw usageError('completion supports bash and zsh', 'completion');
      const script = shell === 'bash' ? bashCompletion(commands()) : zshCompletion(commands());
      if (ctx.output === 'json') ctx.json({ shell, script });
      else ctx.io.stdout.write(script);
      return EXIT.ok;
    },
  };
}

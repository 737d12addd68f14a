// Completion scripts for bash, zsh and fish. bash and zsh share the table functions (plain
// `case` statements both shells read); each has its own driver. Prospect names come at
// completion time from `cadence completion __prospects`, which prints nothing (and fails
// silently) when there is no database yet.
import type { CommandSpec, Completes } from './spec.js';

const q = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;

function valueWords(c: Completes): string {
  return c.kind === 'words' ? c.words.join(' ') : c.kind === 'file' ? '__file' : c.kind === 'prospect' ? '__prospect' : '';
}

/** The tables: subcommands, flags, flags that take values, and what values/arguments complete to. */
function tables(specs: CommandSpec[]): string {
  const global = specs[0]!;
  const lines: string[] = [];
  const fn = (name: string, key: string, rows: [string, string][]) => {
    lines.push(`${name}() {`, `  case ${key} in`);
    for (const [k, v] of rows) if (v) lines.push(`    ${q(k)}) echo ${q(v)} ;;`);
    lines.push('  esac', '}');
  };
  fn('_cadence_subs', '"$1"', specs.map((s) => [s.path, s.subcommands.map((c) => c.name).join(' ')]));
  fn(
    '_cadence_flags',
    '"$1"',
    specs.map((s) => [s.path, [...s.flags, ...(s.path ? global.flags : [])].map((f) => f.flag).join(' ')]),
  );
  fn(
    '_cadence_valued',
    '"$1"',
    specs.map((s) => [s.path, [...s.flags, ...(s.path ? global.flags : [])].filter((f) => f.value).map((f) => f.flag).join(' ')]),
  );
  const values: [string, string][] = [];
  for (const s of specs) {
    for (const f of [...s.flags, ...(s.path ? global.flags : [])]) if (f.value) values.push([`${s.path}|${f.flag}`, valueWords(f.value)]);
    values.push([`${s.path}|`, valueWords(s.argument)]);
  }
  fn('_cadence_values', '"$1|$2"', values);
  return lines.join('\n');
}

/** Walks the words before the cursor: the command path, and whether a value is expected. */
const WALK = `
  # (Not "path": zsh ties that name to $PATH.)
  local cmd="" skip=0 nargs=0 w
  for w in "\${before[@]}"; do
    if ((skip)); then skip=0; continue; fi
    case "$w" in
      --*=*) continue ;;
      -*) [[ " $(_cadence_valued "$cmd") " == *" $w "* ]] && skip=1; continue ;;
    esac
    if [[ " $(_cadence_subs "$cmd") " == *" $w "* ]]; then cmd="\${cmd:+$cmd }$w"; else nargs=$((nargs + 1)); fi
  done
  local want=""
  if [[ "$prev" == -* && " $(_cadence_valued "$cmd") " == *" $prev "* ]]; then
    want="$(_cadence_values "$cmd" "$prev")"
    [[ -z "$want" ]] && want="__text"
  elif [[ "$cur" == -* ]]; then
    want="$(_cadence_flags "$cmd")"
  else
    want="$(_cadence_subs "$cmd")"
    # The argument (a prospect, a file, a shell) is completed once; after it, flags only.
    [[ -z "$want" && $nargs -eq 0 ]] && want="$(_cadence_values "$cmd" "")"
  fi`;

const PROSPECTS = `_cadence_prospects() {
  # Pass on --db, so names come from the database the command line names.
  local i db=()
  for ((i = 1; i < \${#words_[@]}; i++)); do
    [[ "\${words_[i]}" == --db ]] && db=(--db "\${words_[i+1]}")
    [[ "\${words_[i]}" == --db=* ]] && db=("\${words_[i]}")
  done
  command cadence "\${db[@]}" completion __prospects 2>/dev/null
}`;

export function bashScript(specs: CommandSpec[]): string {
  return `# cadence completion for bash. Load it with: source <(cadence completion bash)
${tables(specs)}
${PROSPECTS}
_cadence() {
  local cur="\${COMP_WORDS[COMP_CWORD]}" prev="\${COMP_WORDS[COMP_CWORD-1]}"
  local -a before=("\${COMP_WORDS[@]:1:COMP_CWORD-1}") words_=("\${COMP_WORDS[@]}")
${WALK}
  COMPREPLY=()
  case "$want" in
    __text) return 0 ;;
    __file) COMPREPLY=($(compgen -f -- "$cur")); return 0 ;;
    __prospect)
      # Names match case-insensitively, as cadence reads them; quoted for the shell.
      local name restore
      restore="$(shopt -p nocasematch)"
      shopt -s nocasematch
      while IFS= read -r name; do
        [[ -n "$name" && "$name" == "$cur"* ]] && COMPREPLY+=("$(printf '%q' "$name")")
      done < <(_cadence_prospects)
      eval "$restore"
      return 0 ;;
  esac
  COMPREPLY=($(compgen -W "$want" -- "$cur"))
}
complete -F _cadence cadence
`;
}

export function zshScript(specs: CommandSpec[]): string {
  return `#compdef cadence
# cadence completion for zsh. Load it with: source <(cadence completion zsh)
${tables(specs)}
${PROSPECTS.replace('i = 1; i < ${#words_[@]}', 'i = 1; i <= ${#words_[@]}')}
_cadence() {
  local cur="\${words[CURRENT]}" prev="\${words[CURRENT-1]}"
  local -a before=("\${(@)words[2,CURRENT-1]}") words_=("\${(@)words}")
${WALK}
  case "$want" in
    __text) return 0 ;;
    __file) _files; return ;;
    __prospect)
      local -a names=("\${(@f)$(_cadence_prospects)}")
      names=(\${names:#})
      compadd -Q -- "\${(@q)names}"; return ;;
  esac
  compadd -- \${=want}
}
if (( ! $+functions[compdef] )); then autoload -Uz compinit && compinit; fi
compdef _cadence cadence
`;
}

export function fishScript(specs: CommandSpec[]): string {
  const global = specs[0]!;
  const out = [
    '# cadence completion for fish. Load it with: cadence completion fish | source',
    'function __cadence_prospects',
    '    # Pass on --db, so names come from the database the command line names.',
    '    set -l tokens (commandline -opc)',
    '    set -l db',
    '    for i in (seq (count $tokens))',
    '        if test "$tokens[$i]" = --db; and test $i -lt (count $tokens)',
    '            set db --db $tokens[(math $i + 1)]',
    '        end',
    '    end',
    '    command cadence $db completion __prospects 2>/dev/null',
    'end',
    'complete -c cadence -f',
  ];
  const cond = (path: string, s: CommandSpec) => {
    if (!path) return '__fish_use_subcommand';
    const parts = path.split(' ').map((p) => `__fish_seen_subcommand_from ${p}`);
    if (s.subcommands.length) parts.push(`not __fish_seen_subcommand_from ${s.subcommands.map((c) => c.name).join(' ')}`);
    return parts.join('; and ');
  };
  const values = (c: Completes) =>
    c.kind === 'words' ? `-x -a ${q(c.words.join(' '))}` : c.kind === 'file' ? '-r -F' : c.kind === 'prospect' ? `-x -a '(__cadence_prospects)'` : '-x';
  for (const f of global.flags) {
    out.push(`complete -c cadence -l ${f.flag.slice(2)}${f.value ? ` ${values(f.value)}` : ''} -d ${q(f.description)}`);
  }
  for (const s of specs) {
    const n = q(cond(s.path, s));
    for (const c of s.subcommands) out.push(`complete -c cadence -n ${n} -a ${c.name} -d ${q(c.description)}`);
    if (!s.path) continue;
    for (const f of s.flags) out.push(`complete -c cadence -n ${n} -l ${f.flag.slice(2)}${f.value ? ` ${values(f.value)}` : ''} -d ${q(f.description)}`);
    if (!s.subcommands.length && s.argument.kind !== 'none') out.push(`complete -c cadence -n ${n} ${values(s.argument)}`);
  }
  return `${out.join('\n')}\n`;
}

import type { ShellWord } from './shellTokens';

export interface RuleVerdict { kind: 'deny' | 'destructive' | 'normal'; reason?: string }

/** Subcommands that only read: they never change the index, refs, HEAD, stash, config or files. */
const readOnly = new Set([
  'status', 'diff', 'log', 'show', 'blame', 'annotate', 'grep', 'ls-files', 'ls-tree', 'rev-parse', 'rev-list',
  'describe', 'shortlog', 'cat-file', 'show-ref', 'for-each-ref', 'name-rev', 'merge-base', 'whatchanged',
  'diff-tree', 'diff-files', 'diff-index', 'check-ignore', 'check-attr', 'count-objects', 'var', 'version', 'help',
  'show-branch', 'range-diff', 'cherry', 'verify-commit', 'verify-tag', 'check-ref-format', 'archive',
]);
/** Subcommands that read with some arguments and write with others: the reading forms, by first argument. */
const readingForms: Record<string, (args: string[]) => boolean> = {
  stash: (args) => args[0] === 'list' || args[0] === 'show',
  worktree: (args) => args[0] === 'list',
  reflog: (args) => args.length === 0 || args[0] === 'show' || args[0]?.startsWith('-') === true,
  notes: (args) => args[0] === 'list' || args[0] === 'show',
  submodule: (args) => args[0] === 'status' || args[0] === 'summary',
  remote: (args) => args.length === 0 || args.every((a) => a === '-v' || a === '--verbose') || args[0] === 'show' || args[0] === 'get-url',
  branch: (args) => listsOnly(args, /^(-a|-r|-v|-vv|-l|--list|--all|--remotes|--verbose|--show-current|--no-color|--color(=.*)?|--column(=.*)?|--no-column|-i|--ignore-case|--contains|--no-contains|--merged|--no-merged|--points-at|--sort(=.*)?|--format(=.*)?|--abbrev(=.*)?|--no-abbrev)$/, ['--contains', '--no-contains', '--merged', '--no-merged', '--points-at', '--sort', '--format']),
  tag: (args) => listsOnly(args, /^(-l|--list|-n\d*|--contains|--no-contains|--merged|--no-merged|--points-at|--sort(=.*)?|--format(=.*)?|--column(=.*)?|--no-column|-i|--ignore-case|--color(=.*)?|-v|--verify)$/, ['--contains', '--no-contains', '--merged', '--no-merged', '--points-at', '--sort', '--format']),
  config: (args) => isConfigRead(args),
  'symbolic-ref': (args) => args.filter((a) => !a.startsWith('-')).length <= 1 && !args.includes('-d') && !args.includes('--delete'),
  apply: (args) => args.includes('--check') || args.includes('--stat') || args.includes('--numstat') || args.includes('--summary'),
};

/** Options of `git` itself, before the subcommand, that take a separate value. */
const globalWithValue = new Set(['-C', '-c', '--git-dir', '--work-tree', '--namespace', '--config-env', '--super-prefix']);
/** `-c key=value` settings that only change how output looks; every other key may make git run a program (pager, alias, diff tool, fsmonitor, hooks). */
const harmlessConfigKeys = /^(color\.[\w.-]+|core\.quotepath|log\.[\w.-]+|diff\.(noprefix|mnemonicprefix|renames|algorithm|context|relative|statgraphwidth|colormoved|indentheuristic)|status\.[\w.-]+|grep\.[\w.-]+|i18n\.[\w.-]+|advice\.[\w.-]+|core\.abbrev|column\.[\w.-]+|init\.defaultbranch)$/i;

/**
 * Judges a `git` invocation. Tandem's agent never changes the user's git state: anything but a
 * reading subcommand is denied, whatever the allowlist, including aliases it cannot see through.
 */
export function judgeGit(args: ShellWord[], label: string): RuleVerdict {
  const deny = (why: string): RuleVerdict => ({ kind: 'deny', reason: `\`${label}\` ${why}; the agent never does that (it may only read git: status, diff, log, show, blame, grep, ls-files…).` });
  let i = 0;
  for (; i < args.length; i++) {
    const arg = args[i]!;
    if (arg.dynamic) return deny('has an argument computed at run time, so it could change your git state');
    const text = arg.text;
    if (!text.startsWith('-')) break;
    const [name, inline] = splitOption(text);
    if (name === '-c' || name === '--config-env') {
      const setting = inline ?? args[++i]?.text ?? '';
      if (name === '--config-env' || !harmlessConfigKeys.test(setting.split('=')[0] ?? '')) return deny(`sets \`${setting}\`, which can make git run another program`);
      continue;
    }
    if (name === '--exec-path' && inline !== undefined) return deny('changes where git finds its programs');
    if (globalWithValue.has(name) && inline === undefined) i++;
  }
  const sub = args[i]?.text;
  if (sub === undefined) return { kind: 'normal' };
  const rest = args.slice(i + 1).map((a) => a.text);
  if (args.slice(i + 1).some((a) => a.dynamic) && !readOnly.has(sub)) return deny('has an argument computed at run time, so it could change your git state');
  if (readOnly.has(sub)) {
    if (sub === 'grep' && rest.some((a) => /^(-O|--open-files-in-pager)/.test(a))) return deny('opens the results with another program');
    if (rest.some((a) => /^--output(=|$)/.test(a)) || (sub === 'archive' && rest.some((a) => /^(-o|--remote)/.test(a)))) return deny('writes its output to a file or talks to a remote');
    return { kind: 'normal' };
  }
  const form = readingForms[sub];
  if (form && form(rest)) return { kind: 'normal' };
  return deny(whyGitWrites(sub));
}

function whyGitWrites(sub: string): string {
  if (['reset', 'checkout', 'switch', 'restore', 'clean', 'stash', 'rebase', 'merge', 'cherry-pick', 'revert', 'am', 'pull', 'bisect'].includes(sub)) return 'would change your files or git history';
  if (['commit', 'add', 'rm', 'mv', 'update-index', 'apply', 'read-tree', 'write-tree', 'commit-tree'].includes(sub)) return 'would change your git index or history';
  if (['push', 'fetch', 'remote', 'clone', 'submodule'].includes(sub)) return 'would change your remotes or talk to them';
  if (['branch', 'tag', 'update-ref', 'symbolic-ref', 'reflog', 'notes', 'replace', 'worktree'].includes(sub)) return 'would change your branches, tags or refs';
  if (['gc', 'prune', 'repack', 'maintenance', 'fsck', 'filter-branch', 'filter-repo'].includes(sub)) return 'would rewrite or prune your repository';
  if (sub === 'config') return 'would change your git configuration';
  if (sub === 'init') return 'would create or re-initialise a repository';
  return `is not a git command Tandem knows to be read-only (\`${sub}\` may be an alias or write)`;
}

function splitOption(text: string): [string, string | undefined] {
  const eq = text.indexOf('=');
  return eq > 0 && text.startsWith('--') ? [text.slice(0, eq), text.slice(eq + 1)] : text.length > 2 && text.startsWith('-c') ? ['-c', text.slice(2)] : [text, undefined];
}

/** `git branch`/`git tag` list only when every argument is a listing flag (patterns need `--list`). */
function listsOnly(args: string[], listingFlag: RegExp, flagsWithValue: string[]): boolean {
  const listMode = args.some((a) => a === '-l' || a === '--list');
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (flagsWithValue.includes(a)) { i++; continue; }
    if (listingFlag.test(a)) continue;
    if (!a.startsWith('-') && listMode) continue; // a pattern after --list
    return false;
  }
  return true;
}

function isConfigRead(args: string[]): boolean {
  if (args[0] === 'get' || args[0] === 'list') return true;
  if (args.some((a) => /^(--get|--get-all|--get-regexp|--get-urlmatch|--list|-l|--get-color|--get-colorbool)$/.test(a))) return true;
  const writes = args.some((a) => /^(--add|--unset|--unset-all|--replace-all|--rename-section|--remove-section|-e|--edit|set|unset|rename-section|remove-section|edit)$/.test(a));
  const operands = args.filter((a) => !a.startsWith('-'));
  return !writes && operands.length === 1;
}

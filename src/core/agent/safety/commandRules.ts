import type { RuleVerdict } from './gitPolicy';
import type { PathContext } from './pathTargets';
import type { ShellWord } from './shellTokens';
import { hasFlag, judgeWriteTargets, operandsOf, wouldOverwrite } from './writeTargets';

/** One program invocation after wrappers (`env`, `nohup`, `xargs`, …) are removed. */
export interface ProgramCall {
  name: string;
  args: ShellWord[];
  /** The command as written, for reasons. */
  label: string;
  /** More arguments arrive at run time (`xargs rm`, `find -exec rm {} ;`). */
  unknownArgs: boolean;
  paths: PathContext;
}

const changesTheSystem = new Set([
  'mkfs', 'mke2fs', 'mkswap', 'fdisk', 'sfdisk', 'cfdisk', 'gdisk', 'parted', 'wipefs', 'swapon', 'swapoff', 'mount', 'umount',
  'losetup', 'cryptsetup', 'shutdown', 'reboot', 'halt', 'poweroff', 'init', 'telinit', 'insmod', 'rmmod', 'modprobe',
  'useradd', 'userdel', 'usermod', 'groupadd', 'groupdel', 'passwd', 'chpasswd', 'visudo', 'iptables', 'ip6tables', 'nft',
  'ufw', 'launchctl', 'diskutil', 'format', 'chattr', 'setfacl', 'sysctl', 'update-grub', 'grub-install', 'efibootmgr',
  // Windows
  'reg', 'regedit', 'setx', 'takeown', 'icacls', 'cacls', 'bcdedit', 'diskpart', 'cipher', 'vssadmin', 'wmic', 'schtasks', 'sc', 'net', 'netsh',
  'set-itemproperty', 'new-itemproperty', 'remove-itemproperty', 'set-executionpolicy', 'stop-computer', 'restart-computer', 'format-volume', 'clear-disk',
]);
const deletes = new Set(['rm', 'unlink', 'rmdir', 'shred', 'srm', 'wipe', 'rimraf', 'del', 'del-cli', 'trash', 'trash-put', 'gio', 'erase', 'rd', 'remove-item', 'ri', 'clear-content']);
/** `tool subcommand` pairs that change something beyond this machine or delete what cannot be restored. */
const remoteEffects: Record<string, RegExp> = {
  npm: /^(publish|unpublish|deprecate|dist-tag|owner|access|team|token|hook|org|star|unstar)$/,
  pnpm: /^(publish|unpublish|deprecate|dist-tag|owner|access)$/,
  yarn: /^(publish|unpublish|npm|owner|tag)$/,
  bun: /^(publish)$/,
  cargo: /^(publish|yank|owner|login|logout)$/,
  gem: /^(push|yank|owner|signin)$/,
  twine: /^(upload|register)$/,
  poetry: /^(publish)$/,
  flit: /^(publish)$/,
  docker: /^(rm|rmi|push|prune|kill|system|volume|image|container|network|builder|buildx|swarm|service|stack|secret|context|login)$/,
  podman: /^(rm|rmi|push|prune|kill|system|volume|image|container|network|pod|secret|login)$/,
  kubectl: /^(delete|apply|replace|patch|drain|cordon|scale|rollout|create|edit|set|label|annotate|taint|exec|cp)$/,
  helm: /^(install|uninstall|delete|upgrade|rollback|push|repo)$/,
  terraform: /^(apply|destroy|import|state|taint|untaint|workspace|force-unlock)$/,
  tofu: /^(apply|destroy|import|state|taint|untaint|workspace|force-unlock)$/,
  pulumi: /^(up|destroy|cancel|refresh|import|state|stack)$/,
  gh: /^(repo|release|pr|issue|api|secret|variable|workflow|run|gist|ssh-key|gpg-key|auth|label)$/,
  glab: /^(repo|release|mr|issue|api|variable)$/,
  vercel: /^(deploy|remove|rm|alias|domains|env|--prod)$/,
  netlify: /^(deploy|sites:delete|env:set|env:unset)$/,
  firebase: /^(deploy|hosting:disable|firestore:delete|database:remove|functions:delete)$/,
  heroku: /^(.*)$/,
  aws: /^(.*)$/,
  gcloud: /^(.*)$/,
  az: /^(.*)$/,
};
/** Subcommands of the cloud tools above that only read (`describe`, `list`, `get`…). */
const readingCloudWords = /^(describe|list|ls|get|show|status|view|version|--version|help|--help|whoami|info|logs|log|diff|plan|validate|fmt|output|config|auth|search|template|lint|dependency)$/;
/** Version control other than git: the reading subcommands; anything else changes the user's history. */
const vcsReads: Record<string, RegExp> = {
  hg: /^(status|st|diff|log|show|export|annotate|blame|cat|files|summary|sum|heads|branches|tags|root|id|identify|paths|help|version|grep|manifest|parents|tip|incoming|outgoing)$/,
  svn: /^(status|st|stat|diff|di|log|info|cat|list|ls|blame|praise|annotate|ann|help|proplist|propget|pg|pl)$/,
  jj: /^(status|st|diff|log|show|files|file|help|version|op|evolog|obslog|cat|root|config)$/,
};

/** The rule for one program: system changes and version-control writes denied, destructive ones asked, writes confined. */
export function judgeProgram(call: ProgramCall): RuleVerdict {
  const { args, label } = call;
  // Windows and PowerShell names are case-insensitive; on POSIX, over-matching `RM` only makes Tandem ask
  const name = call.name.toLowerCase();
  const base = name.startsWith('mkfs.') ? 'mkfs' : name;
  if (changesTheSystem.has(base)) return { kind: 'deny', reason: `\`${label}\` changes your system outside the workspace; the agent never does that.` };
  if (deletes.has(name)) return judgeDelete({ ...call, name });
  const rule = writerRules[name];
  if (rule) return rule(call);
  const vcsReading = vcsReads[name];
  if (vcsReading) {
    const sub = args.find((a) => !a.text.startsWith('-'));
    if (!sub || (!sub.dynamic && vcsReading.test(sub.text))) return { kind: 'normal' };
    return { kind: 'deny', reason: `\`${label}\` would change your ${name} history or working copy; the agent never does that.` };
  }
  const remote = remoteEffects[name];
  if ((name === 'gh' || name === 'glab') && /^(pr|mr) checkout$|^repo sync$/.test(args.filter((a) => !a.text.startsWith('-')).slice(0, 2).map((a) => a.text).join(' '))) {
    return { kind: 'deny', reason: `\`${label}\` would switch or rewrite your git branches; the agent never changes your git state.` };
  }
  if (remote) {
    const words = args.filter((a) => !a.text.startsWith('-')).map((a) => a.text);
    const sub = words[0] ?? '';
    const cloud = ['aws', 'gcloud', 'az', 'heroku'].includes(name);
    const risky = cloud ? words.some((w) => /(^|-)(delete|remove|rm|rb|terminate|destroy|purge|deploy|put|create|update|set|stop|reboot|reset)(-|$)/.test(w)) && !words.every((w) => readingCloudWords.test(w))
      : remote.test(sub) && !(words[1] !== undefined && readingCloudWords.test(words[1]));
    const global = (name === 'npm' || name === 'pnpm' || name === 'yarn') && args.some((a) => a.text === '-g' || a.text === '--global' || a.text === 'global');
    if (global) return { kind: 'destructive', reason: `\`${label}\` installs or removes packages globally, outside the workspace.` };
    if (risky) return { kind: 'destructive', reason: `\`${label}\` changes something beyond this workspace (a registry, a cluster, a cloud, a container) that Tandem cannot restore.` };
    return { kind: 'normal' };
  }
  if (name === 'kill') {
    const targets = args.filter((a) => !/^-[A-Za-z]|^-\d+$/.test(a.text) || a.text === '-1').map((a) => a.text);
    if (targets.some((t) => t === '-1' || t === '1' || t === '0' || t === '-0')) return { kind: 'deny', reason: `\`${label}\` would signal every process you own (or init); the agent never does that.` };
    return { kind: 'destructive', reason: `\`${label}\` stops processes that may not be the agent's.` };
  }
  if (name === 'scp' || name === 'sftp' || name === 'ssh') {
    const remoteTarget = name === 'scp' && /^[^/]*:/.test(args[args.length - 1]?.text ?? '');
    if (remoteTarget) return { kind: 'deny', reason: `\`${label}\` would copy to another machine; the agent only changes files inside the workspace.` };
    return { kind: 'destructive', reason: `\`${label}\` works on another machine, which Tandem cannot check or restore.` };
  }
  if (name === 'at' || name === 'batch') return { kind: 'deny', reason: `\`${label}\` would schedule commands to run later; the agent never does that.` };
  if (name === 'pkill' || name === 'killall' || name === 'xkill') return { kind: 'destructive', reason: `\`${label}\` stops processes by name, which may not be the agent's.` };
  if (name === 'crontab' && !(args.length === 1 && args[0]?.text === '-l')) return { kind: 'deny', reason: `\`${label}\` would change your scheduled jobs; the agent never does that.` };
  if (name === 'systemctl' || name === 'service') {
    const sub = args.find((a) => !a.text.startsWith('-'))?.text ?? '';
    if (/^(status|show|list-units|list-unit-files|list-timers|is-active|is-enabled|is-failed|cat)$/.test(sub)) return { kind: 'normal' };
    return { kind: 'deny', reason: `\`${label}\` would change system services; the agent never does that.` };
  }
  return { kind: 'normal' };
}

function judgeDelete(call: ProgramCall): RuleVerdict {
  const { name, args, label } = call;
  const { options, operands } = operandsOf(args);
  if (options.includes('--no-preserve-root')) return { kind: 'deny', reason: `\`${label}\` is told to delete even the root folder; the agent never does that.` };
  // cmd.exe's `rd /s /q dir`, `del /f x`: single-letter switches, not paths
  const switches = ['rd', 'del', 'erase', 'rmdir'].includes(name) ? operands.filter((o) => /^\/[A-Za-z?]$/.test(o.text)) : [];
  const paths = operands.filter((o) => !switches.includes(o));
  const targets = name === 'gio' ? paths.slice(1) : paths;
  const confined = judgeWriteTargets(targets, label, call.paths, 'delete');
  if (confined.kind !== 'normal') return confined;
  if (name === 'gio' && operands[0]?.text !== 'trash' && operands[0]?.text !== 'remove') return { kind: 'normal' };
  const windowsRecursive = switches.some((s) => s.text.toLowerCase() === '/s');
  if ((name === 'rmdir' && !windowsRecursive) || (name === 'unlink' && !call.unknownArgs)) return { kind: 'normal' };
  const recursive = (name !== 'rm' && name !== 'del' && name !== 'erase') || windowsRecursive || hasFlag(options, 'rR', ['--recursive', '-recurse']);
  const many = targets.length >= 3 || targets.some((o) => o.glob || o.dynamic) || call.unknownArgs;
  if (recursive || many) {
    const what = recursive ? 'deletes folders and everything in them' : call.unknownArgs ? 'deletes files that are only known when it runs' : 'deletes many files at once';
    return { kind: 'destructive', reason: `\`${label}\` ${what}; Tandem cannot restore them from its checkpoints, so it always asks.` };
  }
  return { kind: 'normal' };
}

type WriterRule = (call: ProgramCall) => RuleVerdict;

const targetsAll = (withValue: readonly string[] = [], skipFirst = 0): WriterRule => (call) =>
  judgeWriteTargets(operandsOf(call.args, withValue).operands.slice(skipFirst), call.label, call.paths);

const moveOrCopy = (move: boolean): WriterRule => (call) => {
  const { options, operands, values } = operandsOf(call.args, ['-t', '--target-directory', '-S', '--suffix']);
  const folder = values.get('-t') ?? values.get('--target-directory');
  const destination = folder ?? operands[operands.length - 1];
  const sources = folder ? operands : operands.slice(0, -1);
  if (!destination) return { kind: 'normal' };
  const confined = judgeWriteTargets(move ? [...sources, destination] : [destination], call.label, call.paths, move ? 'move' : 'write');
  if (confined.kind !== 'normal') return confined;
  if (hasFlag(options, 'ni', ['--no-clobber', '--interactive', '--update=none']) || options.includes('--update')) return { kind: 'normal' };
  if (call.unknownArgs || wouldOverwrite(sources, destination, call.paths, folder !== undefined || sources.length > 1)) {
    return { kind: 'destructive', reason: `\`${call.label}\` may replace a file that exists (its content would be lost); Tandem always asks first.` };
  }
  return { kind: 'normal' };
};

const writerRules: Record<string, WriterRule> = {
  touch: targetsAll(['-d', '-t', '-r', '--date', '--reference']),
  mkdir: targetsAll(['-m', '--mode']),
  tee: targetsAll(),
  chmod: (call) => {
    const operands = call.args.filter((a) => !/^-[RfvcHLP]+$|^--/.test(a.text));
    return judgeWriteTargets(call.args.some((a) => a.text.startsWith('--reference')) ? operands : operands.slice(1), call.label, call.paths, 'change');
  },
  chown: targetsAll(['--from'], 1),
  chgrp: targetsAll([], 1),
  truncate: (call) => {
    const confined = targetsAll(['-s', '--size', '-r', '--reference'])(call);
    return confined.kind !== 'normal' ? confined : { kind: 'destructive', reason: `\`${call.label}\` cuts files short; what it removes cannot be restored by Tandem, so it always asks.` };
  },
  mv: moveOrCopy(true),
  cp: moveOrCopy(false),
  ln: (call) => {
    const { options, operands, values } = operandsOf(call.args, ['-t', '--target-directory', '-S', '--suffix']);
    const folder = values.get('-t') ?? values.get('--target-directory');
    const destination = folder ?? (operands.length > 1 ? operands[operands.length - 1] : undefined);
    const sources = folder ? operands : operands.slice(0, -1);
    // a link to a place outside would let a later write escape the workspace
    const outsideSource = hasFlag(options, 's', ['--symbolic']) ? sources.find((s) => judgeWriteTargets([s], call.label, call.paths).kind === 'deny') : undefined;
    if (outsideSource) return { kind: 'deny', reason: `\`${call.label}\` would link to \`${outsideSource.text}\`, outside the workspace; the agent only works inside it.` };
    return destination ? judgeWriteTargets([destination], call.label, call.paths) : { kind: 'normal' };
  },
  install: (call) => {
    const { options, operands, values } = operandsOf(call.args, ['-t', '--target-directory', '-m', '--mode', '-o', '--owner', '-g', '--group', '-S', '--suffix']);
    const folder = values.get('-t') ?? values.get('--target-directory');
    const targets = hasFlag(options, 'd', ['--directory']) ? operands : folder ? [folder] : operands.slice(-1);
    return judgeWriteTargets(targets, call.label, call.paths);
  },
  rsync: (call) => {
    const { options, operands } = operandsOf(call.args, ['-e', '--rsh', '--exclude', '--include', '--filter', '-f']);
    const destination = operands[operands.length - 1];
    if (destination && /^[^/]*:/.test(destination.text)) return { kind: 'deny', reason: `\`${call.label}\` would copy to another machine; the agent only changes files inside the workspace.` };
    const confined = destination && operands.length > 1 ? judgeWriteTargets([destination], call.label, call.paths) : { kind: 'normal' as const };
    if (confined.kind !== 'normal') return confined;
    if (options.some((o) => o.startsWith('--delete') || o === '--remove-source-files')) return { kind: 'destructive', reason: `\`${call.label}\` deletes files; Tandem always asks first.` };
    return confined;
  },
  dd: (call) => {
    const output = call.args.find((a) => a.text.startsWith('of='));
    if (!output) return { kind: 'normal' };
    const confined = judgeWriteTargets([{ ...output, text: output.text.slice(3), tilde: output.text.startsWith('of=~') }], call.label, call.paths);
    return confined.kind !== 'normal' ? confined : { kind: 'destructive', reason: `\`${call.label}\` overwrites a file in place; Tandem always asks first.` };
  },
  sed: (call) => {
    if (!call.args.some((a) => /^(-i|--in-place)/.test(a.text) || /^-[a-zA-Z]*i/.test(a.text) && !a.text.startsWith('--'))) return { kind: 'normal' };
    const { operands, options } = operandsOf(call.args, ['-e', '--expression', '-f', '--file', '-l', '--line-length']);
    const scriptGiven = options.some((o) => ['-e', '--expression', '-f', '--file'].includes(o));
    return judgeWriteTargets(scriptGiven ? operands : operands.slice(1), call.label, call.paths);
  },
  curl: (call) => {
    const { values } = operandsOf(call.args, ['-o', '--output', '--output-dir', '-K', '--config', '-d', '--data', '-H', '--header', '-X', '--request', '-u', '--user', '-F', '--form', '-A', '-e', '-T', '--upload-file']);
    const targets = ['-o', '--output', '--output-dir'].map((k) => values.get(k)).filter((w): w is ShellWord => w !== undefined);
    return judgeWriteTargets(targets, call.label, call.paths);
  },
  wget: (call) => {
    const { values } = operandsOf(call.args, ['-O', '--output-document', '-P', '--directory-prefix', '-o', '--output-file', '-a']);
    const targets = ['-O', '--output-document', '-P', '--directory-prefix', '-o', '--output-file'].map((k) => values.get(k)).filter((w): w is ShellWord => w !== undefined && w.text !== '-');
    return judgeWriteTargets(targets, call.label, call.paths);
  },
  tar: (call) => {
    const { values } = operandsOf(call.args, ['-C', '--directory', '-f', '--file']);
    const extracting = call.args.some((a) => /^(-?[a-zA-Z]*x[a-zA-Z]*|--extract|--get)$/.test(a.text) && !a.text.startsWith('--') || a.text === '--extract');
    const folder = values.get('-C') ?? values.get('--directory');
    return extracting && folder ? judgeWriteTargets([folder], call.label, call.paths) : { kind: 'normal' };
  },
  unzip: (call) => {
    const folder = operandsOf(call.args, ['-d', '-x']).values.get('-d');
    return folder ? judgeWriteTargets([folder], call.label, call.paths) : { kind: 'normal' };
  },
};

/**
 * Commands that cannot be typed into the user's interactive shell: a line break (VS Code's shell
 * integration reports neither output nor end for those, microsoft/vscode#250764), subshells, and words that
 * could end, replace or reconfigure that shell (`exit 1`, `exec`, `set -e`, a sourced script,
 * `kill $$`). They run in a process of their own instead; a false alarm only costs the real shell.
 */
export function needsOwnProcess(command: string): boolean {
  if (/[\r\n]/.test(command)) return true;
  // A ( … ) subshell can silence the shell integration too (microsoft/vscode#324392); $( … ) is fine.
  if (/(?:^|[\s;&|])\(/.test(command)) return true;
  return /(?:^|[\s;&|(`{])(?:exit|exec|logout|return|suspend|source|\.|kill|trap|ulimit|shopt|set\s+[-+]\w*[eou]|disown)(?=$|[\s;&|)`}])/.test(command);
}

/** The shell a command line is for: sh/bash/zsh, PowerShell, or cmd.exe. */
export type ShellKind = 'posix' | 'powershell' | 'cmd';

/**
 * One argument, quoted so the shell passes it through unchanged. Plain paths stay bare; others
 * are single-quoted (POSIX, PowerShell) or double-quoted (cmd.exe). cmd.exe cannot protect '"'
 * or '%' inside a quoted argument, so those are refused rather than mangled.
 */
export function shellQuote(value: string, shell: ShellKind = 'posix'): string {
  if (shell === 'cmd') {
    if (/["%\r\n]/.test(value)) throw new Error(`Cannot pass ${JSON.stringify(value)} safely to cmd.exe (it contains ", % or a line break).`);
    return /^[\w./\\:-]+$/.test(value) ? value : `"${value}"`;
  }
  if (shell === 'powershell') {
    // PowerShell also treats the typographic single quotes as quotes: double them all.
    return /^[\w./\\:-]+$/.test(value) && !value.startsWith('-') ? value : `'${value.replace(/['‘’‚‛]/g, '$&$&')}'`;
  }
  return /^[\w@%+=:,./-]+$/.test(value) ? value : `'${value.replace(/'/g, `'\\''`)}'`;
}

/** A relative path as an argument: a leading '-' would read as an option, so it gets './'. */
export function pathArgument(path: string, shell: ShellKind = 'posix'): string {
  return shellQuote(path.startsWith('-') ? `./${path}` : path, shell);
}

/**
 * Fills `${name}` placeholders of a user-configured command (e.g. `npm test -- ${testFile}`) with
 * shell-quoted values. A placeholder written inside its own quotes ('${file}' or "${file}") is
 * replaced quotes and all. Names not in `values` are left as they are (they may be the shell's
 * own variables); a known name without a value is an error, since running without it would run
 * something else than the user asked for.
 */
export function expandCommandTemplate(template: string, values: Record<string, string | undefined>, shell: ShellKind = 'posix'): string {
  return template.replace(/(["']?)\$\{(\w+)\}\1/g, (whole, _quote: string, name: string) => {
    if (!Object.prototype.hasOwnProperty.call(values, name)) return whole;
    const value = values[name];
    if (value === undefined) throw new Error(`The test command uses \${${name}}, which has no value here.`);
    return pathArgument(value, shell);
  });
}

/** Characters that make a command line need a real shell: pipes, redirection, expansion, globbing, chaining. */
const shellSyntax = /[|&;<>()$`*?[\]{}~!#\n\r%]/;

/**
 * A POSIX command line as program and arguments when it is plain words and quotes (`npx jest
 * --runTestsByPath 'src/a b.test.js'`), so it can run without a shell; undefined when it uses
 * shell syntax (pipes, variables, globs, `VAR=x cmd`, ...) and must go through one.
 */
export function splitCommandLine(command: string): string[] | undefined {
  const words: string[] = [];
  let word = '';
  let inWord = false;
  for (let i = 0; i < command.length; i++) {
    const ch = command[i]!;
    if (ch === "'") {
      const end = command.indexOf("'", i + 1);
      if (end < 0) return undefined;
      word += command.slice(i + 1, end);
      inWord = true;
      i = end;
    } else if (ch === '"') {
      let j = i + 1;
      for (; j < command.length && command[j] !== '"'; j++) {
        const c = command[j]!;
        if (c === '$' || c === '`') return undefined;
        if (c === '\\' && /["\\$`\n]/.test(command[j + 1] ?? '')) j++;
        word += command[j];
      }
      if (j >= command.length) return undefined;
      inWord = true;
      i = j;
    } else if (ch === '\\') {
      if (i + 1 >= command.length) return undefined;
      word += command[++i];
      inWord = true;
    } else if (/\s/.test(ch)) {
      if (inWord) words.push(word);
      word = '';
      inWord = false;
    } else {
      if (shellSyntax.test(ch)) return undefined;
      // `NAME=value cmd` sets a variable for the command: a shell's job.
      if (ch === '=' && words.length === 0 && /^[A-Za-z_]\w*$/.test(word)) return undefined;
      word += ch;
      inWord = true;
    }
  }
  if (inWord) words.push(word);
  return words.length > 0 ? words : undefined;
}

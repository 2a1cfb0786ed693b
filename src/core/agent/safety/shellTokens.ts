/**
 * A shell word after quote removal, with what a static reading can and cannot know about it.
 * `text` is the word as the shell would see it when it holds no expansion; expansions are kept in
 * their source form, and `dynamic` says the real value is only known at run time.
 */
export interface ShellWord {
  text: string;
  /** Holds `$var`, `${…}`, `$(…)`, backticks or `$((…))`: its value is computed when it runs. */
  dynamic: boolean;
  /** Holds an unquoted glob or brace expansion (`*`, `?`, `[…]`, `{a,b}`): may become many words. */
  glob: boolean;
  /** Starts with an unquoted `~`: the shell turns it into a home directory. */
  tilde: boolean;
  /** Source code of every command substitution (`$(…)`, backticks, `<(…)`, `>(…)`) inside the word. */
  substitutions: string[];
  /** Offsets of the word in the source it was read from. */
  start: number;
  end: number;
}

export type ShellToken =
  | { kind: 'word'; word: ShellWord }
  /** `;` `&` `&&` `||` `|` `|&` `(` `)` `;;` `;&` `;;&` and newline (`\n`). */
  | { kind: 'op'; op: string; start: number; end: number }
  /** `>` `>>` `>|` `&>` `&>>` `<` `<<` `<<-` `<<<` `<&` `>&` `<>`, with the fd written before it. */
  | { kind: 'redirect'; op: string; fd: number | undefined; start: number; end: number };

export interface TokenizeResult {
  tokens: ShellToken[];
  /** Command substitutions found in here-document bodies (they run although no word holds them). */
  heredocSubstitutions: string[];
  /** Why the text is not a complete shell command (an unterminated quote, a `$(` without `)`), if so. */
  syntaxError?: string;
}

export function emptyWord(start: number): ShellWord {
  return { text: '', dynamic: false, glob: false, tilde: false, substitutions: [], start, end: start };
}

export const metaCharacters = new Set([' ', '\t', '\n', '\r', '|', '&', ';', '(', ')', '<', '>']);

const ansiEscapes: Record<string, string> = { n: '\n', t: '\t', r: '\r', a: '\x07', b: '\b', e: '\x1b', E: '\x1b', f: '\f', v: '\v', '\\': '\\', "'": "'", '"': '"', '?': '?' };

/** Decodes the body of `$'…'` (ANSI-C quoting), which is how `$'\x72\x6d'` spells `rm`. */
export function decodeAnsiC(body: string): string {
  let out = '';
  for (let i = 0; i < body.length; i++) {
    const c = body[i]!;
    if (c !== '\\' || i + 1 >= body.length) {
      out += c;
      continue;
    }
    const n = body[++i]!;
    if (n in ansiEscapes) out += ansiEscapes[n];
    else if (n === 'x' || n === 'u' || n === 'U') {
      const max = n === 'x' ? 2 : n === 'u' ? 4 : 8;
      const hex = /^[0-9a-fA-F]+/.exec(body.slice(i + 1, i + 1 + max))?.[0] ?? '';
      if (hex === '') out += `\\${n}`;
      else out += String.fromCodePoint(Math.min(parseInt(hex, 16), 0x10ffff));
      i += hex.length;
    } else if (/[0-7]/.test(n)) {
      const oct = /^[0-7]{1,3}/.exec(body.slice(i))?.[0] ?? n;
      out += String.fromCharCode(parseInt(oct, 8) & 0xff);
      i += oct.length - 1;
    } else if (n === 'c' && i + 1 < body.length) {
      out += String.fromCharCode(body.charCodeAt(++i) & 0x1f);
    } else out += `\\${n}`;
  }
  return out;
}

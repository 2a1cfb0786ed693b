import { decodeAnsiC, emptyWord, metaCharacters, type ShellToken, type ShellWord, type TokenizeResult } from './shellTokens';

/**
 * Splits POSIX/bash shell source into words, operators and redirections the way bash reads it:
 * quotes and escapes removed (`r''m`, `\rm` and `$'\x72m'` all read `rm`), line continuations
 * joined, comments dropped, here-documents skipped (their substitutions kept), and the source of
 * every command substitution recorded so that the policy can judge what runs inside it. Anything
 * it cannot read completely is reported as a syntax error, never guessed.
 */
export function tokenizeShell(source: string): TokenizeResult {
  const reader = new ShellReader(source);
  const tokens = reader.readTokens(false);
  return { tokens, heredocSubstitutions: reader.heredocSubstitutions, syntaxError: reader.error };
}

/** Command substitutions inside text read as if double-quoted (here-document bodies, `${…}` bodies). */
export function substitutionsInText(text: string): { substitutions: string[]; error?: string } {
  const reader = new ShellReader(text);
  const word = emptyWord(0);
  reader.readDoubleQuoted(word, null);
  return { substitutions: word.substitutions, error: reader.error };
}

interface PendingHeredoc { delimiter: string; stripTabs: boolean; expands: boolean }

class ShellReader {
  pos = 0;
  error: string | undefined;
  readonly heredocSubstitutions: string[] = [];
  private pendingHeredocs: PendingHeredoc[] = [];

  constructor(private readonly src: string) {}

  private fail(message: string): void {
    this.error ??= message;
  }

  /** Reads tokens to the end, or (inside `$(…)`) up to the `)` that closes it, left unread. */
  readTokens(untilCloseParen: boolean): ShellToken[] {
    const tokens: ShellToken[] = [];
    let depth = 0;
    while (this.pos < this.src.length) {
      const c = this.src[this.pos];
      if (c === ' ' || c === '\t' || c === '\r') { this.pos++; continue; }
      if (c === '\\' && this.src[this.pos + 1] === '\n') { this.pos += 2; continue; }
      if (c === '#') { this.skipComment(); continue; }
      if (c === '\n') {
        tokens.push({ kind: 'op', op: '\n', start: this.pos, end: this.pos + 1 });
        this.pos++;
        this.readHeredocBodies();
        continue;
      }
      if (c === ')' && untilCloseParen && depth === 0) return tokens;
      const operator = this.readOperator();
      if (operator) {
        if (operator.kind === 'op' && operator.op === '(') depth++;
        if (operator.kind === 'op' && operator.op === ')') depth = Math.max(0, depth - 1);
        tokens.push(operator);
        if (operator.kind === 'redirect' && (operator.op === '<<' || operator.op === '<<-')) this.readHeredocDelimiter(operator.op === '<<-', tokens);
        continue;
      }
      tokens.push({ kind: 'word', word: this.readWord() });
    }
    if (untilCloseParen) this.fail('a `$(` or `(` is never closed');
    if (this.pendingHeredocs.length > 0) this.pendingHeredocs = [];
    return tokens;
  }

  private skipComment(): void {
    while (this.pos < this.src.length && this.src[this.pos] !== '\n') this.pos++;
  }

  private readOperator(): ShellToken | undefined {
    const s = this.src;
    const start = this.pos;
    const fdMatch = /^\d+(?=[<>])/.exec(s.slice(start, start + 12));
    const at = fdMatch ? start + fdMatch[0].length : start;
    const c = s[at];
    const fd = fdMatch ? Number(fdMatch[0]) : undefined;
    const redirect = (op: string): ShellToken => {
      this.pos = at + op.length;
      return { kind: 'redirect', op, fd, start, end: this.pos };
    };
    if (c === '<' || c === '>') {
      if (s[at + 1] === '(') return undefined; // process substitution: read as a word
      for (const op of ['<<<', '<<-', '<<', '<&', '<>', '>>', '>&', '>|', '<', '>']) if (s.startsWith(op, at)) return redirect(op);
    }
    if (fdMatch) return undefined;
    const op = (text: string): ShellToken => {
      this.pos = start + text.length;
      return { kind: 'op', op: text, start, end: this.pos };
    };
    if (c === '&') {
      if (s.startsWith('&>>', start)) return redirect('&>>');
      if (s.startsWith('&>', start)) return redirect('&>');
      return op(s.startsWith('&&', start) ? '&&' : '&');
    }
    if (c === '|') return op(s.startsWith('||', start) ? '||' : s.startsWith('|&', start) ? '|&' : '|');
    if (c === ';') return op(s.startsWith(';;&', start) ? ';;&' : s.startsWith(';;', start) ? ';;' : s.startsWith(';&', start) ? ';&' : ';');
    if (c === '(' || c === ')') return op(c);
    return undefined;
  }

  private readWord(): ShellWord {
    const s = this.src;
    const word = emptyWord(this.pos);
    word.tilde = s[this.pos] === '~';
    let braceSeen = false;
    let bracketSeen = false;
    while (this.pos < s.length) {
      const c = s[this.pos]!;
      if (c === '(' && word.text !== '' && /[!@*+?=]$/.test(word.text)) {
        // extglob `!(…)` or an array assignment `a=(…)`: one word, its parentheses included
        word.glob = word.glob || !word.text.endsWith('=');
        word.text += this.readBalanced('(', ')', true);
        continue;
      }
      if ((c === '<' || c === '>') && s[this.pos + 1] === '(') {
        this.pos += 2;
        word.substitutions.push(this.readCommandSubstitution());
        word.dynamic = true;
        word.text += '/dev/fd/63';
        continue;
      }
      if (metaCharacters.has(c)) break;
      if (c === '\\') {
        if (s[this.pos + 1] === '\n') { this.pos += 2; continue; }
        if (this.pos + 1 < s.length) word.text += s[this.pos + 1];
        this.pos += 2;
        continue;
      }
      if (c === "'") {
        const close = s.indexOf("'", this.pos + 1);
        if (close < 0) { this.fail('a single quote is never closed'); word.text += s.slice(this.pos + 1); this.pos = s.length; break; }
        word.text += s.slice(this.pos + 1, close);
        this.pos = close + 1;
        continue;
      }
      if (c === '"') {
        this.pos++;
        this.readDoubleQuoted(word, '"');
        continue;
      }
      if (c === '$' || c === '`') {
        this.readDollarOrBacktick(word, false);
        continue;
      }
      if (c === '*' || c === '?') word.glob = true;
      if (c === '[') bracketSeen = true;
      if (c === '{') braceSeen = true;
      word.text += c;
      this.pos++;
    }
    if (braceSeen && /\{[^{}]*(,|\.\.)[^{}]*\}/.test(word.text)) word.glob = true;
    // `[` and `[[` (the test commands) are not bracket expressions; `[ab].txt` is
    if (bracketSeen && /\[[^\]]+\]/.test(word.text)) word.glob = true;
    word.end = this.pos;
    return word;
  }

  /** Reads up to `end` (or the end of text when null); `pos` starts after the opening quote. */
  readDoubleQuoted(word: ShellWord, end: '"' | null): void {
    const s = this.src;
    while (this.pos < s.length) {
      const c = s[this.pos];
      if (end !== null && c === end) { this.pos++; return; }
      if (c === '\\') {
        const n = s[this.pos + 1];
        if (n === '\n') { this.pos += 2; continue; }
        if (n === '$' || n === '`' || n === '"' || n === '\\') { word.text += n; this.pos += 2; continue; }
        word.text += c;
        this.pos++;
        continue;
      }
      if (c === '$' || c === '`') { this.readDollarOrBacktick(word, true); continue; }
      word.text += c;
      this.pos++;
    }
    if (end !== null) this.fail('a double quote is never closed');
  }

  private readDollarOrBacktick(word: ShellWord, inDoubleQuotes: boolean): void {
    const s = this.src;
    const start = this.pos;
    if (s[start] === '`') {
      this.pos++;
      let body = '';
      while (this.pos < s.length && s[this.pos] !== '`') {
        if (s[this.pos] === '\\' && '$`\\'.includes(s[this.pos + 1] ?? '')) { body += s[this.pos + 1]; this.pos += 2; continue; }
        body += s[this.pos++];
      }
      if (this.pos >= s.length) this.fail('a backquote is never closed');
      this.pos++;
      word.substitutions.push(body);
      word.dynamic = true;
      word.text += s.slice(start, this.pos);
      return;
    }
    const next = s[start + 1];
    if (next === "'" && !inDoubleQuotes) {
      const close = this.findAnsiClose(start + 2);
      if (close < 0) { this.fail('a $\' quote is never closed'); this.pos = s.length; return; }
      word.text += decodeAnsiC(s.slice(start + 2, close));
      this.pos = close + 1;
      return;
    }
    if (next === '"' && !inDoubleQuotes) { this.pos += 2; this.readDoubleQuoted(word, '"'); return; }
    if (next === '(' && s[start + 2] === '(') {
      this.pos += 1;
      const body = this.readBalanced('(', ')', false);
      this.addTextSubstitutions(word, body.slice(2, -2));
    } else if (next === '(') {
      this.pos += 2;
      word.substitutions.push(this.readCommandSubstitution());
    } else if (next === '{') {
      this.pos += 1;
      const body = this.readBalanced('{', '}', true);
      this.addTextSubstitutions(word, body.slice(1, -1));
    } else if (next !== undefined && /[A-Za-z_]/.test(next)) {
      this.pos = start + 1 + (/^[A-Za-z_][A-Za-z0-9_]*/.exec(s.slice(start + 1))?.[0].length ?? 0);
    } else if (next !== undefined && /[0-9@*#?$!-]/.test(next)) {
      this.pos = start + 2;
    } else {
      word.text += '$';
      this.pos = start + 1;
      return;
    }
    word.dynamic = true;
    word.text += s.slice(start, this.pos);
  }

  private findAnsiClose(from: number): number {
    for (let i = from; i < this.src.length; i++) {
      if (this.src[i] === '\\') { i++; continue; }
      if (this.src[i] === "'") return i;
    }
    return -1;
  }

  /** `pos` is just after `$(`: reads the commands up to the matching `)` and returns their source. */
  private readCommandSubstitution(): string {
    const start = this.pos;
    const inner = new ShellReader(this.src);
    inner.pos = start;
    inner.readTokens(true);
    if (inner.error) this.fail(inner.error);
    this.heredocSubstitutions.push(...inner.heredocSubstitutions);
    this.pos = Math.min(inner.pos + 1, this.src.length);
    return this.src.slice(start, inner.pos);
  }

  /** Reads from an opening bracket at `pos` to its match, skipping quoted text; returns it whole. */
  private readBalanced(open: string, close: string, singleQuotes: boolean): string {
    const s = this.src;
    const start = this.pos;
    let depth = 0;
    while (this.pos < s.length) {
      const c = s[this.pos];
      if (c === '\\') { this.pos += 2; continue; }
      if (c === "'" && singleQuotes) {
        const end = s.indexOf("'", this.pos + 1);
        this.pos = end < 0 ? s.length : end + 1;
        continue;
      }
      if (c === '"') {
        const skip = emptyWord(this.pos);
        this.pos++;
        this.readDoubleQuoted(skip, '"');
        continue;
      }
      if (c === open) depth++;
      else if (c === close && --depth === 0) { this.pos++; return s.slice(start, this.pos); }
      this.pos++;
    }
    this.fail(`a \`${open}\` is never closed`);
    return s.slice(start);
  }

  private addTextSubstitutions(word: ShellWord, text: string): void {
    const found = substitutionsInText(text);
    if (found.error) this.fail(found.error);
    word.substitutions.push(...found.substitutions);
  }

  private readHeredocDelimiter(stripTabs: boolean, tokens: ShellToken[]): void {
    while (this.src[this.pos] === ' ' || this.src[this.pos] === '\t') this.pos++;
    const before = this.pos;
    const word = this.readWord();
    const raw = this.src.slice(before, this.pos);
    if (word.text === '') { this.fail('a here-document has no delimiter'); return; }
    tokens.push({ kind: 'word', word });
    this.pendingHeredocs.push({ delimiter: word.text, stripTabs, expands: !/['"\\]/.test(raw) });
  }

  private readHeredocBodies(): void {
    const pending = this.pendingHeredocs;
    this.pendingHeredocs = [];
    for (const doc of pending) {
      let body = '';
      for (;;) {
        if (this.pos >= this.src.length) break;
        const newline = this.src.indexOf('\n', this.pos);
        const lineEnd = newline < 0 ? this.src.length : newline;
        const line = this.src.slice(this.pos, lineEnd);
        this.pos = newline < 0 ? this.src.length : newline + 1;
        if ((doc.stripTabs ? line.replace(/^\t+/, '') : line).replace(/\r$/, '') === doc.delimiter) break;
        body += `${line}\n`;
      }
      if (doc.expands) {
        const found = substitutionsInText(body);
        this.heredocSubstitutions.push(...found.substitutions);
      }
    }
  }
}

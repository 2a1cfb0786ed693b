import { detectSecrets } from './secrets/detectSecrets';
import type { SecretFinding } from './secrets/finding';

/**
 * Secret redaction for everything Tandem is about to send to a model server or write to its log.
 * It errs on the side of redacting: a lost string literal costs the model a little context; a
 * leaked key costs the user an incident. What is found: see secrets/detectSecrets.
 *
 * Only the value is replaced, never the code around it: a redacted string stays a string (its
 * quotes stay), a URL keeps its host, a key block keeps its BEGIN/END lines. Every line of the text
 * stays a line: a secret spanning several lines becomes one mark per line (indentation kept), so
 * line numbers, ranges and cuts made after redaction mean the same on both texts.
 */
export const redactionMark = '[REDACTED]';

export interface RedactedSecret {
  /** What was recognised ("GitHub token", "password assigned to DB_PASSWORD"); never the value. */
  kind: string;
  /** 0-based lines of the text where the secret starts and ends. */
  line: number;
  endLine: number;
}

export interface RedactionResult {
  text: string;
  /** How many values were replaced (0: the text is returned unchanged). */
  count: number;
  /** Each replaced value, in order; empty when nothing was replaced. */
  secrets: RedactedSecret[];
}

export interface RedactionOptions {
  /** The text's language; in config languages (yaml, dotenv, ini, ...) unquoted values are redacted too. */
  languageId?: string;
  /** The file's path, when the text is a file's: helps choose rules (config files, service-account JSON). */
  path?: string;
}

export function redactSecrets(text: string, options: RedactionOptions = {}): RedactionResult {
  const findings = detectSecrets(text, options);
  if (findings.length === 0) return { text, count: 0, secrets: [] };
  return applyRedaction(text, findings);
}

/** The text with each finding replaced by the mark, line structure kept. */
export function applyRedaction(text: string, findings: readonly SecretFinding[]): RedactionResult {
  const parts: string[] = [];
  const secrets: RedactedSecret[] = [];
  let position = 0;
  let line = 0;
  let nextBreak = text.indexOf('\n');
  const linesUpTo = (offset: number) => {
    while (nextBreak >= 0 && nextBreak < offset) {
      line++;
      nextBreak = text.indexOf('\n', nextBreak + 1);
    }
  };
  for (const finding of findings) {
    linesUpTo(finding.start);
    parts.push(text.slice(position, finding.start));
    const startLine = line;
    const value = text.slice(finding.start, finding.end);
    if (value.includes('\n')) {
      // Each line of a multi-line secret keeps its indentation and its \r: only the value goes.
      const valueLines = value.split('\n');
      parts.push(valueLines.map((part, k) => {
        const cr = k < valueLines.length - 1 && part.endsWith('\r') ? '\r' : '';
        if (k === 0) return `${redactionMark}${cr}`;
        return `${/^[ \t]*/.exec(part)![0]}${part.trim() === '' ? '' : redactionMark}${cr}`;
      }).join('\n'));
    } else {
      parts.push(redactionMark);
    }
    linesUpTo(finding.end);
    secrets.push({ kind: finding.kind, line: startLine, endLine: line });
    position = finding.end;
  }
  parts.push(text.slice(position));
  return { text: parts.join(''), count: findings.length, secrets };
}

/** "2 secrets redacted in config.yml": the note a request carries when something was hidden. */
export function redactionNote(count: number, where: string): string {
  return `${count} secret${count === 1 ? '' : 's'} redacted in ${where}`;
}

/**
 * The part `[start, end)` of `text` with its secrets redacted, judged in the context of the whole
 * text: a selection, a completion window or a budget cut that falls inside a private key block
 * still has the key's lines redacted. Cheap on large texts: only the lines around the part are
 * scanned, reaching back to the key block (or the Kubernetes Secret) it may sit in.
 */
export function redactRange(text: string, start: number, end: number, options: RedactionOptions = {}): RedactionResult {
  let from = text.lastIndexOf('\n', start - 1) + 1;
  const lineEnd = text.indexOf('\n', end);
  let to = lineEnd < 0 ? text.length : lineEnd;
  const insideBlockAt = (position: number) => {
    const begin = text.lastIndexOf('-----BEGIN ', position);
    return begin >= 0 && begin > text.lastIndexOf('-----END ', position) ? begin : -1;
  };
  const openAtStart = insideBlockAt(start);
  if (openAtStart >= 0) from = Math.min(from, text.lastIndexOf('\n', openAtStart) + 1);
  if (insideBlockAt(end) >= 0) {
    const close = text.indexOf('-----END ', end);
    const after = close < 0 ? -1 : text.indexOf('\n', close);
    to = close < 0 || after < 0 ? text.length : after;
  }
  if (/^[ \t]*kind:[ \t]*["']?Secret\b/m.test(text)) from = 0; // a Secret's data block is known by its header
  const findings = detectSecrets(text.slice(from, to), options)
    .map((f) => ({ start: Math.max(f.start + from, start) - start, end: Math.min(f.end + from, end) - start, kind: f.kind }))
    .filter((f) => f.end > f.start);
  const part = text.slice(start, end);
  return findings.length === 0 ? { text: part, count: 0, secrets: [] } : applyRedaction(part, findings);
}

/**
 * Texts that are sent apart but belong together (the code before and after the cursor), each
 * redacted with detection on all of them joined, plus the surrounding text when given (lines
 * above and below the window, which tell whether it sits inside a key block). A secret spanning
 * the cursor is redacted on both sides.
 */
export function redactJoined(parts: readonly string[], options: RedactionOptions = {}, around: { before?: string; after?: string } = {}): RedactionResult[] {
  const before = around.before ? `${around.before}\n` : '';
  const joined = `${before}${parts.join('')}${around.after ? `\n${around.after}` : ''}`;
  const findings = detectSecrets(joined, options);
  let offset = before.length;
  return parts.map((part) => {
    const own = findings
      .map((f) => ({ start: Math.max(f.start, offset) - offset, end: Math.min(f.end, offset + part.length) - offset, kind: f.kind }))
      .filter((f) => f.end > f.start);
    offset += part.length;
    return own.length === 0 ? { text: part, count: 0, secrets: [] } : applyRedaction(part, own);
  });
}

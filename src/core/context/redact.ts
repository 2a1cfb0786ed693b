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
  for (const finding of findings) {
    const gap = text.slice(position, finding.start);
    line += countLines(gap);
    parts.push(gap);
    const value = text.slice(finding.start, finding.end);
    const valueLines = value.split('\n');
    parts.push(valueLines.map((part, k) => (k === 0 ? redactionMark : `${/^[ \t]*/.exec(part)![0]}${part.trim() === '' ? '' : redactionMark}`)).join('\n'));
    secrets.push({ kind: finding.kind, line, endLine: line + valueLines.length - 1 });
    line += valueLines.length - 1;
    position = finding.end;
  }
  parts.push(text.slice(position));
  return { text: parts.join(''), count: findings.length, secrets };
}

function countLines(text: string): number {
  let n = 0;
  for (let k = text.indexOf('\n'); k >= 0; k = text.indexOf('\n', k + 1)) n++;
  return n;
}

/** "2 secrets redacted in config.yml": the note a request carries when something was hidden. */
export function redactionNote(count: number, where: string): string {
  return `${count} secret${count === 1 ? '' : 's'} redacted in ${where}`;
}

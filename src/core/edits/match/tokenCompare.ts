// Compares the model's copy of some lines with the file's lines as token sequences: equal when only
// layout differs, and otherwise which tokens differ, to name them in the refusal.
import { diffArrays } from 'diff';
import { detectMangling, isBlank, leadingWhitespace, trimEnd, unmangle } from '../text/normalize';
import type { Forgiven } from '../types';
import { allowsTrailingComma, isCloser, tokenize, tokenKey, tokenText, type Token } from './tokens';

/** A token with the 0-based line (of its own side) it is on. */
interface Placed extends Token {
  line: number;
}

function stream(lines: readonly string[], comments: 'with' | 'without' | 'only' = 'with'): Placed[] {
  const out: Placed[] = [];
  lines.forEach((line, index) => {
    for (const token of tokenize(line)) {
      if (comments === 'without' && token.kind === 'comment') continue;
      if (comments === 'only' && token.kind !== 'comment') continue;
      out.push({ ...token, line: index });
    }
  });
  return out;
}

const same = (a: Token, b: Token) => a.kind === b.kind && a.text === b.text;
const isComma = (t: Token | undefined) => t?.kind === 'op' && t.text === ',';

/**
 * Whether `model` and `file` have the same tokens, a comma before a closing bracket aside where
 * the language allows it. `fileAfter` is the file's next line after the region: a trailing comma
 * on the last line is one only if that line closes the list.
 */
export function sameTokens(model: readonly string[], file: readonly string[], language: string, fileAfter?: string): { equal: boolean; trailingCommas: boolean; comments: boolean } {
  const a = stream(model, 'without');
  const b = stream(file, 'without');
  const after = fileAfter === undefined ? undefined : tokenize(fileAfter).find((t) => t.kind !== 'comment');
  const commentsOf = (lines: readonly string[]) => stream(lines, 'only').map((t) => t.text).join('\n');
  const comments = commentsOf(model) !== commentsOf(file);
  const commas = allowsTrailingComma(language);
  let i = 0;
  let j = 0;
  let trailingCommas = false;
  while (i < a.length || j < b.length) {
    if (i < a.length && j < b.length && same(a[i]!, b[j]!)) {
      i++;
      j++;
      continue;
    }
    const nextA = i + 1 < a.length ? a[i + 1] : after;
    const nextB = j + 1 < b.length ? b[j + 1] : after;
    if (commas && isComma(a[i]) && isCloser(nextA) && (j >= b.length || isCloser(b[j]))) {
      i++;
      trailingCommas = true;
    } else if (commas && isComma(b[j]) && isCloser(nextB) && (i >= a.length || isCloser(a[i]))) {
      j++;
      trailingCommas = true;
    } else return { equal: false, trailingCommas, comments };
  }
  return { equal: true, trailingCommas, comments };
}

/**
 * What a non-exact match forgave, from the pairs of model and file lines it matched and the
 * blank lines either side had that the other did not.
 */
export function forgivenBetween(model: readonly string[], file: readonly string[], pairs: ReadonlyArray<{ search: number; file: number }>, fileRange: [number, number], extra: { trailingCommas?: boolean; comments?: boolean } = {}): Forgiven[] {
  const found = new Set<Forgiven>();
  for (const pair of pairs) {
    const m = model[pair.search]!;
    const f = file[pair.file]!;
    if (isBlank(m) || isBlank(f) || m === f) continue;
    if (tokenKey(m) === '' || tokenKey(f) === '') continue; // comment lines paired in a gap
    if (leadingWhitespace(m) !== leadingWhitespace(f)) found.add('indentation');
    const mangling = detectMangling(m, f);
    if (mangling.entities) found.add('entities');
    if (mangling.quotes) found.add('quotes');
    if (m.length - trimEnd(m).length !== f.length - trimEnd(f).length) found.add('whitespace');
    const core = (line: string) => unmangle(line).trim();
    if (core(m) !== core(f) && core(m).replace(/\s+/g, '') === core(f).replace(/\s+/g, '')) found.add('whitespace');
  }
  if (extra.trailingCommas) found.add('trailing-commas');
  if (extra.comments) found.add('comments');
  const pairedModel = new Set(pairs.map((p) => p.search));
  const pairedFile = new Set(pairs.map((p) => p.file));
  const modelBlanks = model.some((line, k) => isBlank(line) && !pairedModel.has(k) && k > 0 && k < model.length - 1);
  let fileBlanks = false;
  for (let k = fileRange[0]; k < fileRange[1]; k++) if (isBlank(file[k]!) && !pairedFile.has(k)) fileBlanks = true;
  if (modelBlanks || fileBlanks) found.add('blank-lines');
  return ORDER.filter((f) => found.has(f));
}

const ORDER: Forgiven[] = ['indentation', 'whitespace', 'blank-lines', 'entities', 'quotes', 'trailing-commas', 'comments'];

/**
 * The tokens that differ between the model's lines and the file's (the closest place), in words:
 * "SEARCH says `userIds`, the file has `userId` at line 42". `fileStart` is the 1-based line of
 * `file[0]`; at most `limit` differences are named.
 */
export function describeTokenDifferences(model: readonly string[], file: readonly string[], fileStart: number, who = 'SEARCH', limit = 3): string {
  const a = stream(model);
  const b = stream(file);
  const key = (t: Token) => `${t.kind}\u0001${t.text}`;
  const parts = diffArrays(b.map(key), a.map(key));
  const out: string[] = [];
  let ia = 0;
  let ib = 0;
  for (let k = 0; k < parts.length; k++) {
    const part = parts[k]!;
    const count = part.value.length;
    if (!part.added && !part.removed) {
      ia += count;
      ib += count;
      continue;
    }
    // A removal followed by an addition is one change: the model wrote other tokens there.
    const removed = part.removed ? b.slice(ib, ib + count) : [];
    if (part.removed) ib += count;
    let added: Placed[] = [];
    const next = parts[k + 1];
    if (part.added) {
      added = a.slice(ia, ia + count);
      ia += count;
    } else if (next?.added) {
      added = a.slice(ia, ia + next.value.length);
      ia += next.value.length;
      k++;
    }
    const fileLine = removed[0] ? fileStart + removed[0].line : fileStart + (b[ib]?.line ?? b[b.length - 1]?.line ?? 0);
    if (removed.length > 0 && added.length > 0) out.push(`${who} says \`${quote(added)}\`, the file has \`${quote(removed)}\` at line ${fileLine}`);
    else if (added.length > 0) out.push(`${who} has \`${quote(added)}\`, which the file does not have near line ${fileLine}`);
    else out.push(`the file has \`${quote(removed)}\` at line ${fileLine}, which ${who} does not have`);
  }
  if (out.length === 0) return '';
  const counted = new Map<string, number>();
  for (const text of out) counted.set(text, (counted.get(text) ?? 0) + 1);
  out.splice(0, out.length, ...[...counted].map(([text, count]) => (count > 1 ? `${text} (${count} times)` : text)));
  const shown = out.slice(0, limit).join('; ');
  return out.length > limit ? `${shown}; and ${out.length - limit} more difference(s)` : shown;
}

function quote(tokens: readonly Token[]): string {
  const text = tokenText(tokens.slice(0, 24));
  const cut = text.length > 80 ? `${text.slice(0, 77)}...` : text;
  return (tokens.length > 24 && cut === text ? `${cut} ...` : cut).replace(/`/g, "'");
}

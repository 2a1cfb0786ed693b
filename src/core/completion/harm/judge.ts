import type { CursorContext } from '../cursorContext';
import { controlTokenAt } from '../postprocess/controlTokens';
import { withoutEchoedLinesAbove, withoutRetypedLinePrefix } from '../postprocess/echo';
import type { Insertion } from '../postprocess/lineSuffixFit';
import { isBlank, isClosersOnly } from '../text';
import { isCodeLanguage, scanCode, type CodeFaults } from './codeScan';
import { overIndentedLines, pythonIndentErrors, spaceIndentedLines, type LineWindow } from './indentRules';

/**
 * What makes ghost text harmful: the judge a user applies at a glance. A harmful suggestion costs
 * more than none: it has to be noticed and deleted.
 */
export type HarmKind =
  | 'whitespaceOnly'
  | 'controlToken'
  | 'retypesLinePrefix'
  | 'echoesLineAbove'
  | 'repeatsItself'
  | 'copiesNearbyLine'
  | 'duplicatesNextLine'
  | 'duplicatesRestOfLine'
  | 'bracketError'
  | 'quoteError'
  | 'pythonIndentation'
  | 'doubledIndentation'
  | 'spacesInTabFile';

/** How to make the suggestion harmless: keep its first `keepLines` lines, keep `text` instead, or drop it. */
export type Remedy = { keepLines: number } | { text: string } | { drop: true };

export interface Harm {
  kind: HarmKind;
  remedy: Remedy;
}

const fenceLine = /^[ \t]*(?:`{3,}|~{3,})/m;

/**
 * The first harm found in `text` (the completion) shown as `insertion` at the cursor, or
 * undefined when it is harmless. Checks run from the cheapest; the remedy of each keeps as much
 * of the suggestion as is safe.
 */
export function findHarm(text: string, insertion: Insertion, cursor: CursorContext): Harm | undefined {
  const shown = insertion.insertText;
  const lines = text.split('\n');
  if (shown.trim() === '' && insertion.replaceLength === 0) return { kind: 'whitespaceOnly', remedy: { drop: true } };

  const token = controlTokenAt(text, cursor.languageId);
  const fence = isCodeLanguage(cursor.languageId) ? fenceLine.exec(text) : null;
  const cut = Math.min(token < 0 ? Infinity : token, fence ? fence.index : Infinity);
  if (cut !== Infinity) return { kind: 'controlToken', remedy: { text: text.slice(0, cut) } };

  const retyped = withoutRetypedLinePrefix(text, cursor.linePrefix);
  if (retyped !== text) return { kind: 'retypesLinePrefix', remedy: { text: retyped } };
  const echo = withoutEchoedLinesAbove(text, cursor.linePrefix, cursor.linesAbove);
  if (echo !== text) return { kind: 'echoesLineAbove', remedy: { text: echo } };

  const meaningful = lines.map((l) => l.trim()).filter((l) => l !== '');
  if (meaningful.length >= 2 && meaningful.every((l) => l === meaningful[0])) return { kind: 'repeatsItself', remedy: { keepLines: 1 } };

  const fresh = cursor.linePrefix.trim() === '';
  const above = [...cursor.linesAbove].reverse().find((l) => !isBlank(l))?.trim();
  const below = cursor.linesBelow.find((l) => !isBlank(l))?.trim();
  if (fresh && lines.length === 1 && (text.trim() === above || text.trim() === below)) return { kind: 'copiesNearbyLine', remedy: { drop: true } };
  if (below !== undefined && !isClosersOnly(below)) {
    const copy = lines.findIndex((l, i) => (i > 0 || fresh) && l.trim() === below);
    if (copy >= 0) return { kind: 'duplicatesNextLine', remedy: copy === 0 ? { drop: true } : { keepLines: copy } };
  }
  const restOfLine = cursor.lineSuffix.slice(insertion.replaceLength).trim();
  if (restOfLine !== '' && !shown.includes('\n') && shown.trimEnd().endsWith(restOfLine) && shown.trim() !== restOfLine) {
    return { kind: 'duplicatesRestOfLine', remedy: { drop: true } };
  }

  return structuralHarm(lines, insertion, cursor);
}

/** Brackets, quotes and indentation of the document around the cursor, with the suggestion and without it. */
function structuralHarm(lines: string[], insertion: Insertion, cursor: CursorContext): Harm | undefined {
  const dropLast: Remedy = lines.length > 1 ? { keepLines: lines.length - 1 } : { drop: true };
  const after = windowWith(insertion, cursor);
  const before = baselineFor(cursor);

  if (isCodeLanguage(cursor.languageId)) {
    const was = before.faults;
    const is = scanCode(after.lines.join('\n'), cursor.languageId);
    if (is.strayClosers > was.strayClosers) return { kind: 'bracketError', remedy: dropLast };
    if (is.unclosed > was.unclosed && !/[([{,][ \t]*$/.test(insertion.insertText)) return { kind: 'bracketError', remedy: dropLast };
    if (is.openStringLines > was.openStringLines || (is.openAtEnd && !was.openAtEnd)) return { kind: 'quoteError', remedy: dropLast };
  }

  const keepBefore = (index: number): Remedy => (index - after.first <= 0 ? { drop: true } : { keepLines: Math.min(lines.length - 1, index - after.first) });
  if (cursor.languageId === 'python') {
    const errors = pythonIndentErrors(after);
    if (errors.length > before.pythonErrors) return { kind: 'pythonIndentation', remedy: keepBefore(Math.min(...errors)) };
    return undefined;
  }
  if (!cursor.indentation.insertSpaces) {
    const spaced = spaceIndentedLines(after, lines[0] ?? '');
    if (spaced.length > 0) return { kind: 'spacesInTabFile', remedy: keepBefore(Math.min(...spaced)) };
  }
  if (bracesLanguage(cursor.languageId)) {
    const deep = overIndentedLines(after);
    if (deep.length > 0) return { kind: 'doubledIndentation', remedy: keepBefore(Math.min(...deep)) };
  }
  return undefined;
}

interface Baseline {
  faults: CodeFaults;
  pythonErrors: number;
}

/** The document without the suggestion, judged once per cursor (the guard asks again after each trim). */
const baselines = new WeakMap<CursorContext, Baseline>();

function baselineFor(cursor: CursorContext): Baseline {
  const known = baselines.get(cursor);
  if (known) return known;
  const window = windowWith({ insertText: '', replaceLength: 0 }, cursor);
  const python = cursor.languageId === 'python';
  const baseline = {
    faults: isCodeLanguage(cursor.languageId) ? scanCode(window.lines.join('\n'), cursor.languageId) : { strayClosers: 0, unclosed: 0, openStringLines: 0, openAtEnd: false },
    pythonErrors: python ? pythonIndentErrors(window).length : 0,
  };
  baselines.set(cursor, baseline);
  return baseline;
}

/** The lines around the cursor with the insertion in place. */
function windowWith(insertion: Insertion, cursor: CursorContext): LineWindow {
  const inserted = (cursor.linePrefix + insertion.insertText + cursor.lineSuffix.slice(insertion.replaceLength)).split('\n');
  const first = cursor.linesAbove.length;
  return {
    lines: [...cursor.linesAbove, ...inserted, ...cursor.linesBelow],
    first,
    last: first + inserted.length - 1,
    freshFirst: cursor.linePrefix.trim() === '',
    tabSize: cursor.indentation.tabSize,
  };
}

const braceLanguages = new Set(['typescript', 'typescriptreact', 'javascript', 'javascriptreact', 'java', 'c', 'cpp', 'csharp', 'go', 'rust', 'kotlin', 'swift', 'scala', 'dart', 'php', 'objective-c', 'objective-cpp', 'groovy', 'zig', 'solidity']);

function bracesLanguage(languageId: string): boolean {
  return braceLanguages.has(languageId);
}

import { indentWidth, isBlank, leadingWhitespace } from '../text/normalize';
import type { LinePair } from './target';

/**
 * How the model's indentation maps onto the file's, learned from paired lines: model width ->
 * file indentation string. Undefined when the pairs disagree (one model width, two file
 * indentations) or the order of depths is not kept: then the block was not simply shifted.
 */
export function indentationMap(pairs: readonly LinePair[], search: readonly string[], file: readonly string[]): Map<number, string> | undefined {
  const map = new Map<number, string>();
  for (const { search: s, file: f } of pairs) {
    if (isBlank(search[s]!) || isBlank(file[f]!)) continue;
    const width = indentWidth(leadingWhitespace(search[s]!));
    const target = leadingWhitespace(file[f]!);
    const known = map.get(width);
    if (known !== undefined && known !== target) return undefined;
    map.set(width, target);
  }
  const entries = [...map].sort((x, y) => x[0] - y[0]);
  for (let k = 1; k < entries.length; k++) {
    if (indentWidth(entries[k]![1]) <= indentWidth(entries[k - 1]![1])) return undefined;
  }
  return map;
}

/** The most common indentation step of some lines: '\t' for tab-indented code, else that many spaces. */
export function detectIndentUnit(lines: readonly string[]): string | undefined {
  let tabs = 0;
  let spaces = 0;
  const steps = new Map<number, number>();
  let previous = 0;
  for (const line of lines) {
    if (isBlank(line)) continue;
    const indent = leadingWhitespace(line);
    if (indent.startsWith('\t')) tabs++;
    else if (indent.length > 0) spaces++;
    const width = indentWidth(indent);
    if (width > previous) steps.set(width - previous, (steps.get(width - previous) ?? 0) + 1);
    previous = width;
  }
  if (tabs === 0 && spaces === 0) return undefined;
  if (tabs > spaces) return '\t';
  let best = 0;
  let bestCount = 0;
  for (const [step, count] of steps) if (count > bestCount || (count === bestCount && step < best)) [best, bestCount] = [step, count];
  return ' '.repeat(best || 4);
}

/**
 * Re-indents the model's new lines to where the block sits in the file. A model width seen in a
 * paired line maps to that line's file indentation; other widths are counted in the model's
 * indentation steps from the nearest known width and written in the file's own unit (tabs or spaces).
 */
export function makeReindenter(pairs: readonly LinePair[], search: readonly string[], replace: readonly string[], file: readonly string[]): (line: string) => string {
  const sameIndentation = pairs.every(({ search: s, file: f }) => isBlank(search[s]!) || isBlank(file[f]!) || leadingWhitespace(search[s]!) === leadingWhitespace(file[f]!));
  const map = bestEffortMap(pairs, search, file);
  if (sameIndentation || map.size === 0) return (line) => line;
  const modelUnit = indentWidth(detectIndentUnit([...search, ...replace]) ?? '    ') || 4;
  // The file's unit from the lines around the match: as telling as the whole file, and cheap.
  const fileLines = pairs.map((p) => p.file);
  const around = file.slice(Math.max(0, Math.min(...fileLines) - 200), Math.max(...fileLines) + 200);
  const fileUnit = detectIndentUnit(around) ?? ' '.repeat(modelUnit);
  const known = [...map].sort((x, y) => x[0] - y[0]);
  return (line) => {
    if (isBlank(line)) return line;
    const indent = leadingWhitespace(line);
    const width = indentWidth(indent);
    const content = line.slice(indent.length);
    const exact = map.get(width);
    if (exact !== undefined) return exact + content;
    const base = [...known].reverse().find(([w]) => w <= width) ?? known[0]!;
    const steps = Math.round((width - base[0]) / modelUnit);
    return shift(base[1], steps, fileUnit) + content;
  };
}

function shift(indent: string, steps: number, unit: string): string {
  if (steps >= 0) return indent + unit.repeat(steps);
  let out = indent;
  for (let k = 0; k < -steps; k++) {
    if (out.endsWith(unit)) out = out.slice(0, -unit.length);
    else if (out.endsWith('\t')) out = out.slice(0, -1);
    else out = out.replace(/ {1,4}$/, '');
  }
  return out;
}

/** Like indentationMap, but where pairs disagree (fuzzy matches) the most common file indentation wins. */
function bestEffortMap(pairs: readonly LinePair[], search: readonly string[], file: readonly string[]): Map<number, string> {
  const votes = new Map<number, Map<string, number>>();
  for (const { search: s, file: f } of pairs) {
    if (isBlank(search[s]!) || isBlank(file[f]!)) continue;
    const width = indentWidth(leadingWhitespace(search[s]!));
    const target = leadingWhitespace(file[f]!);
    const forWidth = votes.get(width) ?? new Map<string, number>();
    forWidth.set(target, (forWidth.get(target) ?? 0) + 1);
    votes.set(width, forWidth);
  }
  const map = new Map<number, string>();
  for (const [width, targets] of votes) map.set(width, [...targets].sort((x, y) => y[1] - x[1])[0]![0]);
  return map;
}

/**
 * A code block in the file's indentation style when the model used the other one (spaces for a
 * tab-indented file, or tabs for a space-indented one): each of the model's indentation steps
 * becomes one of the file's. Blocks already in the file's style are returned as they are.
 */
export function matchIndentStyle(code: readonly string[], file: readonly string[]): string[] {
  const fileUnit = detectIndentUnit(file);
  const codeUnit = detectIndentUnit(code);
  if (!fileUnit || !codeUnit || (fileUnit === '\t') === (codeUnit === '\t')) return [...code];
  const step = codeUnit === '\t' ? 4 : [2, 4].includes(codeUnit.length) ? codeUnit.length : 4;
  return code.map((line) => {
    const indent = leadingWhitespace(line);
    if (indent === '' || isBlank(line)) return line;
    const width = indentWidth(indent);
    return fileUnit.repeat(Math.floor(width / step)) + ' '.repeat(width % step) + line.slice(indent.length);
  });
}

/**
 * For blocks placed as written (exact and whitespace rungs): a new line indented with spaces in a
 * tab-indented file gets tabs, one per indentation step of the block; a tab-indented new line in
 * a space-indented file gets the file's unit per tab. Lines in the file's style are unchanged.
 */
export function makeStyleFixer(replace: readonly string[], around: readonly string[]): (line: string) => string {
  const fileUnit = detectIndentUnit(around);
  if (!fileUnit) return (line) => line;
  const spaced = detectIndentUnit(replace.filter((line) => /^ +\S/.test(line)));
  const step = spaced && [2, 4].includes(spaced.length) ? spaced.length : 4;
  return (line) => {
    const indent = leadingWhitespace(line);
    if (indent === '' || isBlank(line)) return line;
    if (fileUnit === '\t' && !indent.includes('\t')) return '\t'.repeat(Math.floor(indent.length / step)) + ' '.repeat(indent.length % step) + line.slice(indent.length);
    if (fileUnit !== '\t' && /^\t+$/.test(indent)) return fileUnit.repeat(indent.length) + line.slice(indent.length);
    return line;
  };
}

import { tokenize, type Token } from '../match/tokens';
import { describeTokenDifferences } from '../match/tokenCompare';
import { isBlank } from '../text/normalize';
import type { ElidedCode, Op } from './elidedAlignment';

/**
 * The line next to an elision comment is the model's anchor: the existing line it starts from. An
 * anchor that replaces a file line differing from it only in a name (`userIds` for `userId`),
 * while the stretch also changes other lines, is a misremembered anchor, not an intended rename:
 * applying it would write the model's wrong name into the file. Refused, naming the tokens. (A
 * stretch that changes only that line, or adds to it, as a changed signature does, is an edit.)
 */
export function nearMissAnchor(ops: readonly Op[], code: ElidedCode, file: readonly string[]): string | undefined {
  const deleted = new Set(ops.flatMap((op) => (op.kind === 'delete' ? [op.file] : [])));
  const inserted = new Set(ops.flatMap((op) => (op.kind === 'insert' ? [op.code] : [])));
  for (const [from, to] of stretches(code)) {
    const lines = code.lines.slice(from, to);
    const edges = [from + lines.findIndex((l) => !isBlank(l)), from + lines.length - 1 - [...lines].reverse().findIndex((l) => !isBlank(l))];
    for (const [edge, bounded] of [[edges[0]!, code.elided[from - 1] === true], [edges[1]!, code.elided[to] === true]] as const) {
      if (!bounded || !inserted.has(edge)) continue;
      const otherChanges = [...inserted].some((c) => c >= from && c < to && c !== edge && !isBlank(code.lines[c]!));
      if (!otherChanges) continue;
      const renamed = [...deleted].find((f) => onlyNamesDiffer(code.lines[edge]!, file[f]!));
      if (renamed === undefined) continue;
      const differences = describeTokenDifferences([code.lines[edge]!], [file[renamed]!], renamed + 1, 'the code block');
      return `The line next to an elision comment, "${code.lines[edge]!.trim().slice(0, 60)}", is not in the file: ${differences}. It reads as a misremembered anchor, so nothing was merged; copy that line exactly as the file has it (or send a SEARCH/REPLACE block if it is meant to change).`;
    }
  }
  return undefined;
}

/** Same tokens in the same order except one or two names. */
function onlyNamesDiffer(a: string, b: string): boolean {
  const x = code(tokenize(a));
  const y = code(tokenize(b));
  if (x.length !== y.length || x.length === 0) return false;
  let differing = 0;
  for (let k = 0; k < x.length; k++) {
    if (x[k]!.text === y[k]!.text) continue;
    if (x[k]!.kind !== 'word' || y[k]!.kind !== 'word') return false;
    differing++;
  }
  return differing > 0 && differing <= 2;
}

function code(tokens: Token[]): Token[] {
  return tokens.filter((t) => t.kind !== 'comment');
}

function stretches(code: ElidedCode): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  let start = 0;
  for (let i = 0; i <= code.lines.length; i++) {
    if (i < code.lines.length && !code.elided[i]) continue;
    if (code.lines.slice(start, i).some((l) => !isBlank(l))) out.push([start, i]);
    start = i + 1;
  }
  return out;
}

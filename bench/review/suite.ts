// The review engine's own work on a large change, model time excluded: reading the diff, the
// prompt views (with the enclosing functions), and the precision rules over many findings.
import { performance } from 'node:perf_hooks';
import { unitsFor } from '../../src/core/review/batches';
import { anchorFindings, applyPrecisionRules, parseUnifiedDiff, type RawFinding } from '../../src/core/review';

const fileCount = 200;
const hunksPerFile = 30;

function sourceFile(index: number, lines: number): string[] {
  const out: string[] = [];
  for (let i = 0; out.length < lines; i++) {
    out.push(`export function handler${index}_${i}(input: string): number {`, `  const value = Number(input) + ${i};`, '  if (value > 10) {', `    return value * ${index};`, '  }', '  return value;', '}', '');
  }
  return out.slice(0, lines);
}

/** A git diff of `fileCount` files of 600 lines, each with `hunksPerFile` one-line changes. */
function largeDiff(): { diff: string; texts: Map<string, string> } {
  const parts: string[] = [];
  const texts = new Map<string, string>();
  for (let f = 0; f < fileCount; f++) {
    const path = `src/module${f}/handlers.ts`;
    const lines = sourceFile(f, 600);
    const changed = [...lines];
    parts.push(`diff --git a/${path} b/${path}`, 'index 1111111..2222222 100644', `--- a/${path}`, `+++ b/${path}`);
    for (let h = 0; h < hunksPerFile; h++) {
      const at = 10 + h * 19; // 0-based line of the change; hunks 19 lines apart do not touch
      changed[at] = `${lines[at]} // changed`;
      parts.push(`@@ -${at - 2},7 +${at - 2},7 @@`);
      for (let k = at - 3; k < at; k++) parts.push(` ${lines[k]}`);
      parts.push(`-${lines[at]}`, `+${changed[at]}`);
      for (let k = at + 1; k <= at + 3; k++) parts.push(` ${lines[k]}`);
    }
    texts.set(path, `${changed.join('\n')}\n`);
  }
  return { diff: `${parts.join('\n')}\n`, texts };
}

function time<T>(run: () => T, repeat: number): { ms: number; value: T } {
  let value = run();
  const samples: number[] = [];
  for (let i = 0; i < repeat; i++) {
    const start = performance.now();
    value = run();
    samples.push(performance.now() - start);
  }
  samples.sort((a, b) => a - b);
  return { ms: samples[Math.floor(samples.length / 2)]!, value };
}

export function reviewEngineScenario(): Record<string, number> {
  const { diff, texts } = largeDiff();
  const diffLines = diff.split('\n').length;
  const parsed = time(() => parseUnifiedDiff(diff), 7);
  const files = parsed.value;
  const views = time(() => files.flatMap((file) => unitsFor({ file, text: texts.get(file.path), languageId: 'typescript' }, 6_000)), 3);
  // Ten findings per file: half on changed lines, a quarter far from any change, a quarter duplicates.
  const raw: RawFinding[] = files.flatMap((file, f) => Array.from({ length: 10 }, (_, k): RawFinding => ({
    path: file.path, line: k % 4 === 1 ? 300 + k : 11 + (k % 5) * 19, severity: (['error', 'warning', 'info'] as const)[k % 3], category: 'bug',
    message: k % 4 === 3 ? `The same problem in handler ${f} worded again` : `Problem ${k} in handler ${f} of this module`, explanation: '',
  })));
  const precision = time(() => {
    const anchored = anchorFindings(raw, files);
    return applyPrecisionRules(anchored.anchored, { maxPerFile: 5 });
  }, 7);
  return {
    diffLines,
    parseDiffMs: parsed.ms,
    promptViewsMs: views.ms,
    rawFindings: raw.length,
    precisionRulesMs: precision.ms,
    keptFindings: precision.value.findings.length,
  };
}

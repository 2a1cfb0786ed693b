// The measurements behind `npm run bench -- edits` (run.mjs loads this through tsx). Each scenario
// warms up, then takes the median of repeated runs; baselines run on the same input.
import path from 'node:path';
import { diffLines } from 'diff';
import { applyFileEdit, computeHunks, parseEditResponse } from '../../src/core/edits';
import { decidedText, renderReviewDocument, type HunkState } from '../../src/core/edits/review';
import { caseNames, checkCase, loadCase, runCase } from '../../test/unit/edits/corpusCase';
import { rewrittenModule, scatteredRevision, searchReplaceResponse, typescriptModule } from './workloads';

export type Metrics = Record<string, number>;

function time(run: () => void): number {
  const started = performance.now();
  run();
  return performance.now() - started;
}

function samples(count: number, warmups: number, run: () => void): number[] {
  for (let k = 0; k < warmups; k++) run();
  return Array.from({ length: count }, () => time(run));
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

/** 50 SEARCH/REPLACE blocks on a 20k-line file: parse the response and apply every block. */
export function searchReplaceScenario(): Metrics {
  const original = typescriptModule(20_000);
  const response = searchReplaceResponse('src/orders.ts', 20_000, 50);
  let strategies = '';
  const run = () => {
    const plan = parseEditResponse(response);
    const result = applyFileEdit(original, plan.files[0]!);
    if (result.status !== 'applied') throw new Error(`the benchmark edit did not apply: ${JSON.stringify(result.blocks.filter((b) => b.status === 'failed'))}`);
    strategies = [...new Set(result.blocks.map((b) => b.strategy))].join(',');
  };
  const engine = samples(15, 3, run);
  // What a minimal tool does: exact String.indexOf per block, no ladder, no line endings.
  const plan = parseEditResponse(response);
  const exactBlocks = plan.files[0]!.blocks.flatMap((b) => (b.kind === 'search-replace' && !b.search.some((l) => l.endsWith(' ') || l.startsWith('  export')) ? [b] : []));
  const naive = samples(15, 3, () => {
    let text = original;
    for (const block of exactBlocks) {
      const search = block.search.join('\n');
      const at = text.indexOf(search);
      text = text.slice(0, at) + block.replace.join('\n') + text.slice(at + search.length);
    }
  });
  if (strategies !== 'exact,whitespace,indentation') throw new Error(`unexpected strategies ${strategies}`);
  return { searchReplace50Blocks20kLinesMs: median(engine), baselineIndexOfReplace45Blocks20kLinesMs: median(naive) };
}

/** A block that matches nowhere in a 20k-line file: the fuzzy search, bounded, then the closest candidate. */
export function failedBlockScenario(): Metrics {
  const original = typescriptModule(20_000);
  const edit = parseEditResponse('<<<<<<< SEARCH\nexport function computeInvoiceTotal(invoice: Invoice): number {\n  let sum = 0;\n=======\nx\n>>>>>>> REPLACE\n', { defaultPath: 'a.ts' }).files[0]!;
  const runs = samples(5, 1, () => {
    if (applyFileEdit(original, edit).blocks[0]!.closest === undefined) throw new Error('no closest candidate');
  });
  return { failedBlockWithClosest20kLinesMs: median(runs) };
}

/** Review hunks for a 5000-line file with 1% of its lines changed. */
export function smallChangeScenario(): Metrics {
  const before = typescriptModule(5_000);
  const after = scatteredRevision(before, 50);
  const ours = samples(21, 5, () => {
    if (computeHunks(before, after).length !== 50) throw new Error('expected 50 hunks');
  });
  const jsdiff = samples(5, 1, () => diffLines(before, after));
  return { hunks5kLines1PctMs: median(ours), baselineJsdiffDiffLines5kLines1PctMs: median(jsdiff) };
}

/**
 * Review hunks for an all-different 6000-line file. computeHunks is synchronous, so one call is
 * one slice of the extension host's event loop: the longest call is the longest slice.
 */
export function rewriteScenario(): Metrics {
  const before = typescriptModule(6_000);
  const after = rewrittenModule(6_000);
  const ours = samples(11, 2, () => computeHunks(before, after));
  // jsdiff alone takes seconds here; capped so the benchmark stays bounded.
  const jsdiff = time(() => diffLines(before, after, { timeout: 15_000 }));
  return { hunksAllDifferent6kLinesMs: median(ours), hunksAllDifferent6kLinesLongestSliceMs: Math.max(...ours), baselineJsdiffDiffLinesAllDifferent6kLinesMs: jsdiff };
}

/**
 * What the review does on the extension host for an all-different 6000-line file: hunks, the review
 * document with every hunk pending, then deciding half of them and computing the text to write.
 * All synchronous, so the sum is the longest slice the host spends on it.
 */
export function reviewScenario(): Metrics {
  const before = typescriptModule(6_000);
  const after = rewrittenModule(6_000);
  const scattered = scatteredRevision(typescriptModule(5_000), 50);
  const open = samples(11, 2, () => {
    const hunks = computeHunks(before, after);
    renderReviewDocument(before, hunks, () => 'pending');
  });
  const hunks = computeHunks(typescriptModule(5_000), scattered);
  const decide = samples(21, 5, () => {
    const state = (id: number): HunkState => (id % 2 === 0 ? 'accepted' : 'rejected');
    renderReviewDocument(typescriptModule(5_000), hunks, state);
    decidedText(typescriptModule(5_000), hunks, state);
  });
  return { reviewOpenAllDifferent6kLinesMs: median(open), reviewOpenAllDifferent6kLinesLongestSliceMs: Math.max(...open), reviewDecide50Hunks5kLinesMs: median(decide) };
}

/** Every golden case of test/fixtures/edits, checked exactly as the corpus test does. */
export function corpusScenario(repoRoot: string): Metrics {
  const casesDir = path.join(repoRoot, 'test', 'fixtures', 'edits', 'cases');
  const names = caseNames(casesDir);
  const failing = names.filter((name) => {
    const loaded = loadCase(casesDir, name);
    return checkCase(loaded, runCase(loaded)).length > 0;
  });
  for (const name of failing) console.log(`golden case failing: ${name}`);
  return { goldenCorpusCases: names.length, goldenCorpusPassing: names.length - failing.length, goldenCorpusSuccessRate: (names.length - failing.length) / names.length, goldenCorpusFailures: failing.length };
}

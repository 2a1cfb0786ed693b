// Scores the completion post-processing on the golden corpora: each case's raw model output run
// through the engine's pipeline (the same function the unit tests call), and the ghost text the
// user would see judged against the case's expected text.
//
//   npx tsx bench/completions/scoreCorpus.ts [--corpus harm|golden|all] [--json] [--list]
//
// exact:    what is shown is the expected text (or nothing, when nothing is expected);
// partial:  a shorter, harmless part of the expected text (it ends where the expected text goes on);
// missed:   nothing is shown where something was expected;
// harmful:  something is shown that is neither: text the user has to notice and delete.
// The verdict is the case's expectation, not the engine's own harm guard, so the guard cannot grade itself.
import { captureCursorContext } from '../../src/core/completion/cursorContext';
import { completionFromModelOutput } from '../../src/core/completion/postprocess/pipeline';
import { goldenDir, harmCorpusDir, loadGoldenCases, type GoldenCase } from '../../test/unit/completion/goldenCases';
import { documentWithCursor, requestAt } from '../../test/unit/completion/memoryDocument';

export type Verdict = 'exact' | 'partial' | 'missed' | 'harmful';

export interface ScoredCase {
  golden: GoldenCase;
  shown: { insertText: string; replaceLength: number } | undefined;
  verdict: Verdict;
}

export function scoreCase(golden: GoldenCase): ScoredCase {
  const { document, position } = documentWithCursor(golden.document.replace(/\r\n/g, '\n'), golden.languageId);
  const cursor = captureCursorContext(requestAt(document, position, { tabSize: golden.tabSize, insertSpaces: golden.insertSpaces }));
  const shown = completionFromModelOutput(golden.model, cursor, { chat: golden.chat, maxLines: 16 });
  return { golden, shown, verdict: verdictFor(golden, shown) };
}

export function verdictFor(golden: Pick<GoldenCase, 'expected' | 'replaces'>, shown: ScoredCase['shown']): Verdict {
  if (shown === undefined) return golden.expected === undefined ? 'exact' : 'missed';
  if (golden.expected === undefined) return 'harmful';
  if (shown.insertText === golden.expected && shown.replaceLength === golden.replaces) return 'exact';
  const harmlessPart = shown.replaceLength === 0 && shown.insertText.trim() !== '' && golden.expected.startsWith(shown.insertText);
  return harmlessPart ? 'partial' : 'harmful';
}

function main(argv: string[]): void {
  const corpus = argv.includes('--corpus') ? argv[argv.indexOf('--corpus') + 1] : 'harm';
  const dirs = corpus === 'all' ? [harmCorpusDir, goldenDir] : corpus === 'golden' ? [goldenDir] : [harmCorpusDir];
  const scored = dirs.flatMap((dir) => loadGoldenCases(dir)).map(scoreCase);
  const count = (verdict: Verdict) => scored.filter((s) => s.verdict === verdict).length;
  const totals = { cases: scored.length, exact: count('exact'), partial: count('partial'), missed: count('missed'), harmful: count('harmful') };
  if (argv.includes('--json')) {
    process.stdout.write(`${JSON.stringify(totals)}\n`);
    return;
  }
  const languages = [...new Set(scored.map((s) => s.golden.languageId))].sort();
  const row = (name: string, list: ScoredCase[]) => {
    const n = (v: Verdict) => list.filter((s) => s.verdict === v).length;
    return `| ${name} | ${list.length} | ${n('exact')} | ${n('partial')} | ${n('missed')} | ${n('harmful')} |`;
  };
  console.log('| corpus | cases | exact | partial | missed | harmful |');
  console.log('|---|---:|---:|---:|---:|---:|');
  for (const language of languages) console.log(row(language, scored.filter((s) => s.golden.languageId === language)));
  console.log(row('**all**', scored));
  if (argv.includes('--list')) {
    for (const s of scored.filter((c) => c.verdict !== 'exact')) {
      console.log(`\n[${s.verdict}] ${s.golden.file}: ${s.golden.name}\n  expected ${JSON.stringify(s.golden.expected ?? null)}\n  shown    ${JSON.stringify(s.shown?.insertText ?? null)}${s.shown?.replaceLength ? ` (replaces ${s.shown.replaceLength})` : ''}`);
    }
  }
}

if (require.main === module) main(process.argv.slice(2));

// The golden corpus per format as counts of correct, refused and wrong (issue #11), for this
// engine or another copy of it (to compare before and after a change):
//   npx tsx bench/edits/scoreCorpus.ts [engine-root] [case-prefix]   (engine-root: a folder holding src/core/edits; '' for this one)
// correct: the expected bytes (and for an expected refusal: refused with the expected code and reason);
// refused: nothing written where an apply was expected, or a refusal for another reason;
// wrong: a file written that differs from the expected one, or written where a refusal was expected.
import path from 'node:path';
import { parseEditResponse as currentParse, type EditFormat } from '../../src/core/edits';
import { caseNames, checkCase, loadCase } from '../../test/unit/edits/corpusCase';

type Engine = Pick<typeof import('../../src/core/edits'), 'parseEditResponse' | 'applyEditPlan'>;
type Verdict = 'correct' | 'refused' | 'wrong';

const CASES_DIR = path.resolve(__dirname, '../../test/fixtures/edits/cases');

/** Cases the engine threw on (last run). */
export const crashes: string[] = [];

export async function scoreCorpus(engineRoot?: string, prefix = ''): Promise<Record<string, Record<Verdict, number>>> {
  const engine: Engine = engineRoot ? await import(path.resolve(engineRoot, 'src/core/edits/index.ts')) : await import('../../src/core/edits');
  const table: Record<string, Record<Verdict, number>> = {};
  crashes.length = 0;
  for (const name of caseNames(CASES_DIR).filter((n) => n.startsWith(prefix))) {
    const loaded = loadCase(CASES_DIR, name);
    const options = loaded.spec.defaultPath ? { defaultPath: loaded.spec.defaultPath } : {};
    const format: EditFormat | 'none' = currentParse(loaded.response, options).files[0]?.blocks[0]?.format ?? 'none';
    let results: ReturnType<Engine['applyEditPlan']>;
    try {
      results = engine.applyEditPlan(engine.parseEditResponse(loaded.response, options), (file) => loaded.before.get(file));
    } catch (error) {
      // An engine that throws writes nothing: a refusal, if a rude one.
      crashes.push(`${name}: ${(error as Error).message}`);
      (table[format] ??= { correct: 0, refused: 0, wrong: 0 }).refused++;
      continue;
    }
    const tree = new Map(loaded.before);
    for (const result of results) {
      if (result.status === 'failed' || result.path === undefined) continue;
      if (result.deleted) tree.delete(result.path);
      else if (result.newText !== undefined) {
        if (result.renameTo) tree.delete(result.path);
        tree.set(result.renameTo ?? result.path, result.newText);
      }
    }
    const problems = checkCase(loaded, { results, tree });
    const written = [...tree].some(([file, text]) => loaded.before.get(file) !== text) || [...loaded.before.keys()].some((file) => !tree.has(file));
    const sameAsExpected = [...new Set([...tree.keys(), ...loaded.after.keys()])].every((file) => tree.get(file) === loaded.after.get(file));
    const verdict: Verdict = problems.length === 0 ? 'correct' : written && !sameAsExpected ? 'wrong' : 'refused';
    const row = (table[format] ??= { correct: 0, refused: 0, wrong: 0 });
    row[verdict]++;
  }
  return table;
}

export function formatTable(table: Record<string, Record<Verdict, number>>): string {
  const rows = Object.entries(table).sort(([a], [b]) => a.localeCompare(b));
  const total = { correct: 0, refused: 0, wrong: 0 };
  const lines = ['| format | cases | correct | refused | wrong |', '|---|---:|---:|---:|---:|'];
  for (const [format, row] of rows) {
    lines.push(`| ${format} | ${row.correct + row.refused + row.wrong} | ${row.correct} | ${row.refused} | ${row.wrong} |`);
    for (const key of ['correct', 'refused', 'wrong'] as const) total[key] += row[key];
  }
  lines.push(`| **all** | ${total.correct + total.refused + total.wrong} | ${total.correct} | ${total.refused} | ${total.wrong} |`);
  return lines.join('\n');
}

if (require.main === module) {
  void scoreCorpus(process.argv[2] || undefined, process.argv[3] ?? '').then((table) => {
    console.log(formatTable(table));
    if (crashes.length > 0) console.log(`\nthe engine threw on ${crashes.length} case(s) (counted as refused):\n${crashes.join('\n')}`);
  });
}

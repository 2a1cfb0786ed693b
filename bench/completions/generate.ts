// `npx tsx bench/completions/generate.ts`: writes the benchmark's source files (realistic TypeScript
// and Python modules of 200 to 5,000 lines, built from per-entity templates) and the typing traces
// replayed over them. Deterministic (seeded): running it again reproduces the committed files.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { prng } from './prng';
import { emitPython, emitTypeScript } from './sourceTemplates';
import type { Trace } from './typingSession';

const here = __dirname;

interface SourceSpec {
  file: string;
  languageId: string;
  lines: number;
  emit: (lines: number, random: () => number) => string;
  seed: number;
}

// Stored as .txt: they are sample data for the replay, not part of the project's code.
const sources: SourceSpec[] = [
  { file: 'orderService.ts.txt', languageId: 'typescript', lines: 5_000, emit: emitTypeScript, seed: 11 },
  { file: 'money.ts.txt', languageId: 'typescript', lines: 260, emit: emitTypeScript, seed: 12 },
  { file: 'inventory.py.txt', languageId: 'python', lines: 5_000, emit: emitPython, seed: 21 },
  { file: 'pricing.py.txt', languageId: 'python', lines: 800, emit: emitPython, seed: 22 },
];

/** Which file each trace types in, at which speed. */
const traces = [
  ...[100, 200, 400].map((interKeyMs) => ({ source: 'orderService.ts.txt', interKeyMs })),
  ...[100, 200, 400].map((interKeyMs) => ({ source: 'inventory.py.txt', interKeyMs })),
  { source: 'money.ts.txt', interKeyMs: 200 },
  { source: 'pricing.py.txt', interKeyMs: 200 },
  // Sessions of a user who accepts multi-line suggestions in a row (the prefetch's case): appended
  // last, so the seeds, and the files, of the traces above stay as they were.
  ...[200, 400].flatMap((interKeyMs) => ['orderService.ts.txt', 'inventory.py.txt', 'money.ts.txt', 'pricing.py.txt'].map((source) => ({ source, interKeyMs, acceptChains: true }))),
];

/** Characters a trace types at most (a region of a dozen lines; accepting sessions: a few functions). */
const regionChars = 700;
const acceptingRegionChars = 3_200;

function generate() {
  mkdirSync(path.join(here, 'sources'), { recursive: true });
  mkdirSync(path.join(here, 'traces'), { recursive: true });
  const texts = new Map<string, SourceSpec & { text: string }>();
  for (const source of sources) {
    const text = source.emit(source.lines, prng(source.seed));
    texts.set(source.file, { ...source, text });
    writeFileSync(path.join(here, 'sources', source.file), text);
    console.log(`sources/${source.file}: ${text.split('\n').length} lines`);
  }
  traces.forEach((spec, index) => {
    const source = texts.get(spec.source);
    if (!source) throw new Error(`no source ${spec.source}`);
    const acceptChains = 'acceptChains' in spec && spec.acceptChains === true;
    const trace = recordTrace(source, spec.interKeyMs, prng(1_000 + index), acceptChains);
    const name = `${spec.source.split('.')[0]}-${acceptChains ? 'accept-' : ''}${spec.interKeyMs}ms.json`;
    writeFileSync(path.join(here, 'traces', name), `${JSON.stringify(trace)}\n`);
    console.log(`traces/${name}: ${trace.events.length} events, region lines ${trace.region.startLine}-${trace.region.endLine}`);
  });
}

/**
 * A typist retyping one function in the middle of the file: the function's lines are removed,
 * then typed back. Events are relative to the text ("type the next character", "try to accept"),
 * so they replay whatever the engine suggests: accepting a suggestion skips ahead.
 *   ['k', dt]    a keystroke: the next character (a line break types the next line's indentation too)
 *   ['tab', dt]  the user looks for a suggestion and accepts it if it is what they meant
 *   ['typo', dt] a wrong character, then ['bs', dt]: backspace, back to a place seen before
 * `acceptChains`: a user who waits for a block suggestion at every fresh line and, after accepting
 * one, reads the next ghost text and accepts again when it is right (up to four in a row).
 */
function recordTrace(source: SourceSpec & { text: string }, interKeyMs: number, random: () => number, acceptChains = false): Trace {
  const lines = source.text.split('\n');
  const starts = functionStarts(lines, source.languageId);
  const middle = starts.filter((i) => i > lines.length * 0.4 && i < lines.length * 0.6);
  const startLine = middle[Math.floor(random() * middle.length)] ?? starts[Math.floor(starts.length / 2)] ?? 0;
  let endLine = startLine + 1;
  let chars = lines[startLine]?.length ?? 0;
  const maxChars = acceptChains ? acceptingRegionChars : regionChars;
  while (endLine < lines.length && chars + (lines[endLine]?.length ?? 0) < maxChars) chars += (lines[endLine++]?.length ?? 0) + 1;

  const events: Trace['events'] = [];
  const jitter = () => Math.round(interKeyMs * (0.7 + 0.6 * random()));
  const lookForSuggestion = () => {
    events.push(['tab', Math.round(450 + 450 * random())]);
    // Accepted: the next ghost text is read (about a second) and accepted too if it is right.
    if (acceptChains) for (let n = 0; n < 3 && random() < 0.8; n++) events.push(['tab', Math.round(800 + 600 * random())]);
  };
  const region = lines.slice(startLine, endLine);
  region.forEach((line, i) => {
    const body = line.trimStart();
    if (i > 0) events.push(['k', jitter()]); // Enter (with the editor's auto-indent)
    if (acceptChains || random() < 0.45) lookForSuggestion(); // a fresh line: wait for a block suggestion
    for (let c = 0; c < body.length; c++) {
      const pause = random() < 0.06 ? interKeyMs * (2 + 3 * random()) : 0; // a moment of thought
      if (random() < 0.03) events.push(['typo', jitter()], ['bs', Math.round(jitter() * 2)]); // noticed, deleted
      events.push(['k', Math.round(jitter() + pause)]);
      if (c === 6 && random() < 0.35) lookForSuggestion(); // a few characters in: accept the rest of the line?
    }
  });
  return {
    source: `sources/${source.file}`, languageId: source.languageId, interKeyMs,
    region: { startLine, endLine }, events,
  };
}

function functionStarts(lines: string[], languageId: string): number[] {
  const pattern = languageId === 'python' ? /^ {0,4}def \w+\(/ : /^(?:export )?(?:async )?function \w+\(|^ {2}(?:async )?\w+\([^)]*\)(?:: [^{]+)? \{$/;
  return lines.flatMap((line, i) => (pattern.test(line) ? [i] : []));
}

generate();

import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

/**
 * Golden post-processing cases in test/fixtures/completion/*.golden:
 *
 *   === name of the case
 *   language: typescript          (a language in `defaults` below)
 *   strategy: chat                (optional: the output came from the chat fallback)
 *   tabSize: 4                    (optional; default per language)
 *   insertSpaces: false           (optional; default per language)
 *   replaces: 1                   (optional: characters after the cursor the item replaces)
 *   --- document
 *   text with █ at the cursor
 *   --- model
 *   the raw model output
 *   --- expected
 *   the inserted text, or (none) when the result must be dropped
 *
 * In sections, `⇥` is a tab and `␍` a carriage return; trailing blank lines are layout, and a final `¶` marks where text
 * ending in whitespace or a line break ends.
 */
export interface GoldenCase {
  file: string;
  name: string;
  languageId: string;
  chat: boolean;
  tabSize: number;
  insertSpaces: boolean;
  document: string;
  model: string;
  expected: string | undefined;
  replaces: number;
}

const defaults: Record<string, { tabSize: number; insertSpaces: boolean }> = {
  typescript: { tabSize: 2, insertSpaces: true },
  python: { tabSize: 4, insertSpaces: true },
  go: { tabSize: 4, insertSpaces: false },
  rust: { tabSize: 4, insertSpaces: true },
  javascript: { tabSize: 2, insertSpaces: true },
  java: { tabSize: 4, insertSpaces: true },
  csharp: { tabSize: 4, insertSpaces: true },
  cpp: { tabSize: 4, insertSpaces: true },
  c: { tabSize: 4, insertSpaces: false },
  ruby: { tabSize: 2, insertSpaces: true },
  php: { tabSize: 4, insertSpaces: true },
};

export const goldenDir = path.join(__dirname, '..', '..', 'fixtures', 'completion');

/** The harm corpus (test/fixtures/completion/harm): raw outputs that must never show harmful ghost text. */
export const harmCorpusDir = path.join(goldenDir, 'harm');

export function loadGoldenCases(dir = goldenDir): GoldenCase[] {
  return readdirSync(dir).filter((f) => f.endsWith('.golden')).sort().flatMap((file) => parseGolden(file, readFileSync(path.join(dir, file), 'utf8')));
}

export function parseGolden(file: string, source: string): GoldenCase[] {
  return source.split(/^=== /m).slice(1).map((block) => {
    const [head = '', ...sections] = block.split(/^--- /m);
    const headLines = head.split('\n');
    const name = headLines[0]?.trim() ?? '';
    const fields = new Map(headLines.slice(1).filter((l) => l.includes(':')).map((l) => [l.slice(0, l.indexOf(':')).trim(), l.slice(l.indexOf(':') + 1).trim()]));
    const section = (title: string): string => {
      const found = sections.find((s) => s.startsWith(`${title}\n`));
      if (found === undefined) throw new Error(`${file}: case "${name}" has no --- ${title} section`);
      return sectionText(found.slice(title.length + 1));
    };
    const languageId = fields.get('language') ?? '';
    const base = defaults[languageId];
    if (!base) throw new Error(`${file}: case "${name}" has an unknown language "${languageId}"`);
    const expected = section('expected');
    return {
      file, name, languageId,
      chat: fields.get('strategy') === 'chat',
      tabSize: Number(fields.get('tabSize') ?? base.tabSize),
      insertSpaces: (fields.get('insertSpaces') ?? String(base.insertSpaces)) === 'true',
      document: section('document'),
      model: section('model'),
      expected: expected === '(none)' ? undefined : expected,
      replaces: Number(fields.get('replaces') ?? 0),
    };
  });
}

function sectionText(raw: string): string {
  const text = raw.replace(/\n+$/, '');
  const end = text.endsWith('¶') ? text.slice(0, -1) : text;
  return end.replace(/⇥/g, '\t').replace(/␍/g, '\r');
}

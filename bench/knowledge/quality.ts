import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { OutboundGate } from '../../src/core/context';
import { importSpecifiers } from '../../src/core/context/importSpecifiers';
import { SnippetSelector } from '../../src/core/context/snippetSelection';
import type { RelatedFile } from '../../src/core/context/relatedFiles';
import { completionContext, indexDocument, languageForPath, type KnowledgeIndex, type TreeSitterLoader } from '../../src/core/knowledge';

export interface QualityResult {
  sites: number;
  indexHits: number;
  baselineHits: number;
}

const budgetTokens = 1500;
const maxSitesPerFile = 2;
const maxSites = 400;
const callPattern = /\b([A-Za-z_$][\w$]*)\s*\(/g;
const skipNames = new Set(['if', 'for', 'while', 'switch', 'catch', 'function', 'return', 'typeof', 'super', 'require', 'import', 'constructor']);

/**
 * Call sites in real code whose callee is defined in exactly one other file, which the file
 * imports (or whose class the receiver is named after). The cursor is put at
 * the start of the callee's name with the rest of the line deleted (the model is to write the
 * call), and the file re-indexed as the editor would have it. A site counts when the callee's
 * definition (its signature lines) is in the context within 1,500 tokens: once for the index,
 * once for today's open-files-and-imports context (relative imports resolved, 20-line windows
 * most like the code at the cursor, the same budget).
 */
export async function retrievalQuality(index: KnowledgeIndex, loader: TreeSitterLoader, gate: OutboundGate): Promise<QualityResult> {
  const result: QualityResult = { sites: 0, indexHits: 0, baselineHits: 0 };
  const files = [...index.files()].filter((f) => /\.(ts|js|mjs)$/.test(f.path)).sort((a, b) => a.path.localeCompare(b.path));
  const stride = Math.max(1, Math.floor(files.length / (maxSites / maxSitesPerFile)));
  const baseline = new SnippetSelector();
  for (let f = 0; f < files.length && result.sites < maxSites; f += stride) {
    const file = files[f]!;
    const original = readFileSync(path.join(index.root, file.path), 'utf8');
    const own = new Set(file.definitions.map((d) => d.name));
    const lines = original.split('\n');
    let taken = 0;
    for (const match of original.matchAll(callPattern)) {
      if (taken >= maxSitesPerFile) break;
      const callee = match[1]!;
      if (skipNames.has(callee) || own.has(callee)) continue;
      const definers = index.definitionsOf(callee);
      const definerFiles = new Set(definers.map((d) => d.path));
      if (definerFiles.size !== 1 || definerFiles.has(file.path)) continue;
      const before = original.slice(0, match.index).split('\n');
      // A true cross-file call: the file imports the callee's file, or calls it on an object named
      // after the callee's class (\`sourceCode.getText\` -> SourceCode); not \`Array.isArray\` matched
      // to a workspace function of the same name.
      const receiver = /([A-Za-z_$][\w$]*)\s*\.\s*$/.exec(before.at(-1)!)?.[1];
      const ofClass = receiver !== undefined && definers.some((d) => d.definition.container?.toLowerCase() === receiver.toLowerCase());
      const imported = importedFiles(index.root, file.path, original).some((r) => definerFiles.has(r.path));
      if (!imported && !ofClass) continue;
      const line = before.length;
      const col = before.at(-1)!.length + 1;
      if (/^\s*(\/\/|\*|\/\*)/.test(lines[line - 1] ?? '') || /['"`]/.test(before.at(-1)!)) continue; // comments and strings
      taken++;
      result.sites++;
      const edited = [...lines.slice(0, line - 1), before.at(-1)!, ...lines.slice(line)].join('\n');
      await indexDocument(index, loader, gate, { path: file.path, size: edited.length, mtimeMs: 0 }, edited);
      const target = definers[0]!;
      const ours = completionContext(index, { path: file.path, text: edited, line, col, budget: budgetTokens });
      if (ours.items.some((i) => i.kind !== 'window' && i.path === target.path && i.startLine <= target.definition.summary.end && target.definition.summary.start <= i.endLine)) result.indexHits++;
      else if (process.env['TANDEM_BENCH_KNOWLEDGE_MISSES']) console.log(`    miss ${file.path}:${line}:${col} ${callee} (${target.path}:${target.definition.summary.start}) | ${before.at(-1)!.trim().slice(-40)}`);
      const related = importedFiles(index.root, file.path, edited);
      const cursorText = [...lines.slice(Math.max(0, line - 16), line - 1), before.at(-1)!].join('\n');
      const signature = target.definition.text.split('\n').find((l) => l.includes(callee))?.trim();
      const chosen = baseline.select(related, cursorText, budgetTokens * 4);
      if (signature && chosen.some((s) => s.path === target.path && s.text.includes(signature))) result.baselineHits++;
    }
    await indexDocument(index, loader, gate, { path: file.path, size: file.size, mtimeMs: file.mtimeMs }, original);
  }
  return result;
}

function importedFiles(root: string, file: string, text: string): RelatedFile[] {
  const related: RelatedFile[] = [];
  for (const specifier of importSpecifiers(text.split('\n').slice(0, 80).join('\n'), 'typescript')) {
    if (!specifier.startsWith('.')) continue;
    const base = path.posix.join(path.posix.dirname(file), specifier);
    const stem = base.replace(/\.(js|mjs|cjs)$/, '');
    for (const candidate of [base, `${stem}.ts`, `${stem}.tsx`, `${stem}.js`, `${stem}.mjs`, `${base}/index.ts`, `${base}/index.js`]) {
      if (!languageForPath(candidate)) continue;
      try {
        related.push({ path: candidate, languageId: 'typescript', relation: 'import', text: readFileSync(path.join(root, candidate), 'utf8') });
        break;
      } catch { /* try the next extension */ }
    }
  }
  return related;
}

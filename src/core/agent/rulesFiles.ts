import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { OutboundGate } from '../context';

export interface RulesFile {
  /** Workspace-relative, `/`-separated. */
  path: string;
  text: string;
}

/** Each rules file joins the prompt up to this many characters (a huge AGENTS.md is cut, visibly). */
const maxRulesChars = 12_000;

/**
 * The instructions a project keeps for AI assistants, in prompt order: `AGENTS.md` of the
 * workspace root and of every folder down to the working folder (the nearest last, so it has
 * the final word), then `.github/copilot-instructions.md` and `.tandem/rules/*.md` (sorted) — the
 * same files the chat reads. Files the gate refuses are skipped; text passes its redaction.
 */
export async function readAgentRules(root: string, workingFolder: string, gate: OutboundGate): Promise<RulesFile[]> {
  const relative = path.relative(root, workingFolder);
  const inside = relative && !relative.startsWith('..') && !path.isAbsolute(relative) ? relative.split(path.sep).filter(Boolean) : [];
  const candidates: string[] = [];
  for (let depth = 0; depth <= inside.length; depth++) candidates.push([...inside.slice(0, depth), 'AGENTS.md'].join('/'));
  candidates.push('.github/copilot-instructions.md');
  const rulesDir = await fs.readdir(path.join(root, '.tandem', 'rules')).catch(() => [] as string[]);
  candidates.push(...rulesDir.filter((name) => name.endsWith('.md')).sort().map((name) => `.tandem/rules/${name}`));

  const found: RulesFile[] = [];
  for (const candidate of candidates) {
    if (gate.refusalFor(candidate)) continue;
    const text = await fs.readFile(path.join(root, candidate), 'utf8').catch(() => undefined);
    if (text === undefined || !text.trim()) continue;
    const redacted = gate.redact(text, { path: candidate }).text;
    found.push({ path: candidate, text: redacted.length > maxRulesChars ? `${redacted.slice(0, maxRulesChars)}\n[… cut by Tandem: ${redacted.length - maxRulesChars} more characters]` : redacted });
  }
  return found;
}

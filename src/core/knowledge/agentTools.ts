// The workspace index as agent tools: `search_symbols` and `repo_map`. Read-only (offered in
// Restricted Mode too); results come from the index, which never holds an ignored or sensitive
// file and keeps summaries redacted, and pass the agent's gate again on the way out.
import type { ExtraTool, ExtraToolProvider, ToolEnvironment } from '../agent';
import { failed, succeeded } from '../agent/tools/toolResult';
import type { KnowledgeIndex } from './knowledgeIndex';
import { repoMap } from './repoMap';
import { searchSymbols, type SymbolMatch } from './symbolSearch';

export interface KnowledgeToolsOptions {
  /**
   * The index, ready: opened (built, or loaded from its saved copy) on the first call and the
   * same one afterwards. `progress` reports what takes time ("indexing 3,214 files…").
   */
  index: (progress: (message: string) => void, signal: AbortSignal) => Promise<KnowledgeIndex>;
  /** Files in play (open editors, files the agent read or edited): rankings centre on them. */
  filesInPlay?: () => readonly string[];
  /** repo_map's default size in tokens (the model may ask for less or more, within the result budget). */
  mapTokens?: number;
}

export const searchSymbolsToolName = 'search_symbols';
export const repoMapToolName = 'repo_map';
const defaultMapTokens = 1_024;
const maxSymbols = 25;

/** The two tools, for `ToolEnvironment.extraTools` (joined with other providers by the caller). */
export function knowledgeToolProvider(options: KnowledgeToolsOptions): ExtraToolProvider {
  const tools = knowledgeAgentTools(options);
  return async () => tools;
}

export function knowledgeAgentTools(options: KnowledgeToolsOptions): ExtraTool[] {
  const open = async (progress: (message: string) => void, signal: AbortSignal): Promise<KnowledgeIndex | string> => {
    try {
      return await options.index(progress, signal);
    } catch (error) {
      return `The workspace index is not available: ${(error as Error).message}. Use search and read_file instead.`;
    }
  };
  return [
    {
      name: searchSymbolsToolName,
      description: 'Find definitions (functions, classes, methods, types, constants) in the workspace by name or words; lists path:line, kind and signature, best first.',
      inputSchema: {
        properties: {
          query: { type: 'string', description: 'A symbol name (UserRepository, User.findById, part of a name) or words (retry backoff)' },
          limit: { type: 'number', description: `At most this many results (default 15, max ${maxSymbols})` },
        },
        required: ['query'],
      },
      readOnly: true,
      async run(args, ctx, env) {
        const query = typeof args['query'] === 'string' ? args['query'].trim() : '';
        if (query === '') return failed('search_symbols needs a non-empty "query".');
        const limit = Math.min(maxSymbols, Math.max(1, typeof args['limit'] === 'number' ? Math.floor(args['limit']) : 15));
        const index = await open(ctx.progress, ctx.signal);
        if (typeof index === 'string') return failed(index);
        const matches = searchSymbols(index, query, { limit: limit * 2, focus: options.filesInPlay?.() ?? [] })
          .filter((m) => env.gate.refusalFor(m.path) === undefined)
          .slice(0, limit);
        if (matches.length === 0) return succeeded(`No definitions match ${JSON.stringify(query)} in the index. Try other words, or search for text.`, `searched symbols for ${query}: none`);
        const text = cut(matches.map((m) => describeMatch(m, env)).join('\n'), ctx.resultBudget);
        return succeeded(text, `searched symbols for ${query}: ${matches.length} found`);
      },
    },
    {
      name: repoMapToolName,
      description: "An outline of the workspace's most relevant files and their definitions (path, then line│signature), ranked around the focus and the files in play.",
      inputSchema: {
        properties: {
          focus: { type: 'string', description: 'Optional: paths, folders, symbol names or words to centre the map on' },
          maxTokens: { type: 'number', description: `Optional: the map's size in tokens (default ${options.mapTokens ?? defaultMapTokens})` },
        },
      },
      readOnly: true,
      async run(args, ctx, env) {
        const focus = typeof args['focus'] === 'string' ? args['focus'] : undefined;
        const asked = typeof args['maxTokens'] === 'number' && args['maxTokens'] > 0 ? Math.floor(args['maxTokens']) : options.mapTokens ?? defaultMapTokens;
        // The result budget is in characters; a token is about four of them.
        const maxTokens = Math.max(64, Math.min(asked, Math.floor(ctx.resultBudget / 4)));
        const index = await open(ctx.progress, ctx.signal);
        if (typeof index === 'string') return failed(index);
        const map = repoMap(index, { maxTokens, filesInPlay: (options.filesInPlay?.() ?? []).filter((p) => env.gate.refusalFor(p) === undefined), ...(focus !== undefined ? { focus } : {}) });
        // The index holds no refused file; a file refused since (a setting changed) is still left out.
        const refused = map.files.filter((p) => env.gate.refusalFor(p) !== undefined);
        const text = refused.length === 0 ? map.text : withoutFiles(map.text, new Set(refused));
        if (map.files.length === 0) return succeeded('The index has no definitions to show.', 'repo map: empty');
        const centred = map.focusFiles.length > 0 ? ` around ${map.focusFiles.length} focus file${map.focusFiles.length === 1 ? '' : 's'}` : '';
        return succeeded(cut(env.gate.redact(text).text, ctx.resultBudget), `repo map: ${map.files.length - refused.length} files${centred}, ${map.tokens} tokens`);
      },
    },
  ];
}

function describeMatch(match: SymbolMatch, env: ToolEnvironment): string {
  const name = match.container ? `${match.container}.${match.name}` : match.name;
  const signature = env.gate.redact(match.signature, { path: match.path }).text.split('\n').map((l) => `    ${l}`).join('\n');
  return `${match.path}:${match.line} ${match.kind} ${name}\n${signature}`;
}

/** Drops the outline blocks (a path line and its indented lines) of the given files. */
function withoutFiles(text: string, paths: ReadonlySet<string>): string {
  const kept: string[] = [];
  let skipping = false;
  for (const line of text.split('\n')) {
    if (!line.startsWith(' ')) skipping = paths.has(line);
    if (!skipping) kept.push(line);
  }
  return kept.join('\n');
}

function cut(text: string, budget: number): string {
  if (text.length <= budget) return text;
  const at = text.lastIndexOf('\n', budget - 40);
  return `${text.slice(0, at > 0 ? at : budget - 40)}\n[… cut to the result budget]`;
}

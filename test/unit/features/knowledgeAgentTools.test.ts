import assert from 'node:assert/strict';
import { joinToolProviders, type ExtraTool, type ToolEnvironment } from '../../../src/core/agent';
import type { KnowledgeIndex } from '../../../src/core/knowledge';
import { knowledgeAgentTools } from '../../../src/core/knowledge/agentTools';
import { knowledgeToolsFor } from '../../../src/features/knowledge/knowledgeAgentTools';
import type { KnowledgeService } from '../../../src/features/knowledge/knowledgeService';

const context = { step: 1, signal: new AbortController().signal, progress: () => undefined, output: () => undefined, resultBudget: 10_000 };
// The refusal path returns before the environment is used.
const unusedEnvironment = {} as ToolEnvironment;

describe('VS Code agent: the codebase index tools', () => {
  it('offers search_symbols and repo_map, loading them once, and says why when the index is off', async () => {
    let asked = 0;
    const service = { getIndex: async (): Promise<KnowledgeIndex | undefined> => { asked++; return undefined; } } as Pick<KnowledgeService, 'getIndex'> as KnowledgeService;
    const provider = knowledgeToolsFor(service, async () => ({ knowledgeAgentTools })); // the bundle imports it lazily
    const tools = await provider(context.signal);
    assert.deepEqual(tools.map((t) => t.name), ['search_symbols', 'repo_map']);
    assert.equal(await provider(context.signal), tools, 'the same tools each turn');
    assert.equal(asked, 0, 'the index is not asked for before a call');
    const outcome = await tools[0]!.run({ query: 'UserRepository' }, context, unusedEnvironment);
    assert.equal(asked, 1);
    assert.match(JSON.stringify(outcome), /turned off \(tandem\.knowledge\.enabled\)/);
  });

  it('joins the MCP tools and the index tools into one list', async () => {
    const tool = (name: string): ExtraTool => ({ name, description: name, inputSchema: {}, readOnly: true, run: async () => { throw new Error('not run'); } });
    const joined = joinToolProviders(async () => [tool('mcp__a__b')], async () => [tool('search_symbols'), tool('repo_map')]);
    assert.deepEqual((await joined(new AbortController().signal)).map((t) => t.name), ['mcp__a__b', 'search_symbols', 'repo_map']);
  });
});

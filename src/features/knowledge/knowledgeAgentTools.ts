import type { ExtraTool, ExtraToolProvider } from '../../core/agent/tools/extraTools';
import type { KnowledgeService } from './knowledgeService';

/**
 * The agent's `search_symbols` and `repo_map` over the window's codebase index. Their code (and
 * the index's) loads on the first task that asks for tools, never at activation.
 */
export function knowledgeToolsFor(service: KnowledgeService): ExtraToolProvider {
  let tools: Promise<readonly ExtraTool[]> | undefined;
  return () => (tools ??= import('../../core/knowledge/agentTools').then(({ knowledgeAgentTools }) => knowledgeAgentTools({
    index: async () => {
      const index = await service.getIndex();
      if (!index) throw new Error('the codebase index is turned off (tandem.knowledge.enabled) or has no workspace folder');
      return index;
    },
  })));
}

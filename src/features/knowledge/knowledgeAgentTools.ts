import type { ExtraTool, ExtraToolProvider } from '../../core/agent/tools/extraTools';
import type { KnowledgeService } from './knowledgeService';

type AgentToolsModule = Pick<typeof import('../../core/knowledge/agentTools'), 'knowledgeAgentTools'>;

/**
 * The agent's `search_symbols` and `repo_map` over the codebase index of the agent's root (the
 * first workspace folder; a multi-root workspace has an index per folder). Their code (and
 * the index's) loads on the first task that asks for tools, never at activation.
 */
export function knowledgeToolsFor(service: Pick<KnowledgeService, 'getIndex'>, load: () => Promise<AgentToolsModule> = () => import('../../core/knowledge/agentTools')): ExtraToolProvider {
  let tools: Promise<readonly ExtraTool[]> | undefined;
  return () => (tools ??= load().then(({ knowledgeAgentTools }) => knowledgeAgentTools({
    index: async () => {
      const index = await service.getIndex();
      if (!index) throw new Error('the codebase index is turned off (tandem.knowledge.enabled) or has no workspace folder');
      return index;
    },
  })));
}

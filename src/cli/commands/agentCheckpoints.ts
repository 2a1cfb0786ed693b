import type { TaskStore } from '../../core/agent';
import type { AgentIo } from './agent';

export async function listCheckpoints(store: TaskStore, id: string, json: boolean, io: AgentIo): Promise<number> {
  await store.load(id);
  io.stderr(`tandem: checkpoints are not available yet (${json})\n`);
  return 1;
}

export async function restoreCheckpoint(store: TaskStore, id: string, step: number, json: boolean, io: AgentIo): Promise<number> {
  await store.load(id);
  io.stderr(`tandem: restore is not available yet (${step} ${json})\n`);
  return 1;
}

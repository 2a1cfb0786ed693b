import type { ToolName, ToolOutcome } from '../types';
import { runCommandTool, runTestsTool } from './commandTools';
import { toolSpec, type ToolArgs } from './definitions';
import { applyEditsTool } from './editTool';
import type { ToolCallContext, ToolEnvironment } from './environment';
import { deleteFileTool, listFilesTool, readFileTool, writeFileTool } from './fileTools';
import { gitDiffTool, gitStatusTool } from './gitTools';
import { problemsTool } from './problemsTool';
import { searchTool } from './searchTool';
import { failed, refused } from './toolResult';

/** Tools that start a process: recorded as started before they run, so a resume never runs them twice. */
export const commandTools: ReadonlySet<string> = new Set<ToolName>(['run_command', 'run_tests']);

/**
 * Runs one validated call. Faults become a failed result for the model (never a crash of the task);
 * `started` is awaited just before a command starts.
 */
export async function runTool(env: ToolEnvironment, name: string, args: ToolArgs, ctx: ToolCallContext, started: () => Promise<void> = async () => {}): Promise<ToolOutcome> {
  const spec = toolSpec(name);
  if (!spec) return failed(`Unknown tool "${name}".`);
  if (env.readOnly && !spec.readOnly) return refused(`this folder is not trusted (Restricted Mode): only read-only tools run; ${name} is not available.`);
  const a = args as never;
  try {
    switch (spec.name) {
      case 'read_file': return await readFileTool(env, a, ctx);
      case 'list_files': return await listFilesTool(env, a, ctx);
      case 'search': return await searchTool(env, a, ctx);
      case 'apply_edits': return await applyEditsTool(env, a, ctx);
      case 'write_file': return await writeFileTool(env, a, ctx);
      case 'delete_file': return await deleteFileTool(env, a, ctx);
      case 'run_command': return await runCommandTool(env, a, ctx, started);
      case 'run_tests': return await runTestsTool(env, a, ctx, started);
      case 'git_status': return await gitStatusTool(env, a, ctx);
      case 'git_diff': return await gitDiffTool(env, a, ctx);
      case 'get_problems': return await problemsTool(env, a, ctx);
    }
  } catch (error) {
    if (ctx.signal.aborted) return failed('cancelled');
    return failed(`${name} failed: ${(error as Error).message}`);
  }
}

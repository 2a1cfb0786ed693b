import { promises as fs } from 'node:fs';
import type { ResolvedFile, ToolEnvironment } from './environment';
import { decodeText } from './toolResult';

/**
 * A file's text as the user sees it: the editor's unsaved text when the file is open with unsaved
 * changes (VS Code), else the bytes on disk decoded. Undefined when it does not exist.
 */
export async function readWorkspaceText(env: ToolEnvironment, absolute: string): Promise<string | { problem: string } | undefined> {
  const unsaved = env.unsavedText?.(absolute);
  if (unsaved !== undefined) return unsaved;
  const bytes = await fs.readFile(absolute).catch(() => undefined);
  return bytes === undefined ? undefined : decodeText(bytes);
}

/**
 * Why a file must not be written now: it is open with unsaved changes. Writing the file under the
 * editor would put the user's unsaved work in conflict with the disk (and a checkpoint or a test
 * run would see neither); saving it for them would publish half-done work. So the write is refused
 * and the model is told how to go on.
 */
export function unsavedWorkRefusal(env: ToolEnvironment, files: readonly ResolvedFile[]): string | undefined {
  const dirty = files.filter((file) => env.unsavedText?.(file.absolute) !== undefined).map((file) => file.relative);
  if (dirty.length === 0) return undefined;
  const names = dirty.join(', ');
  return `${names} ${dirty.length === 1 ? 'is' : 'are'} open in the editor with unsaved changes, and Tandem never overwrites the user's unsaved work. Nothing was written. Tell the user to save (or revert) ${names} and ask again; do not retry the edit before that.`;
}

import path from 'node:path';
import * as vscode from 'vscode';
import { BlobStore } from '../../core/agent/checkpoints/fileState';
import { loadJournal } from '../../core/agent/checkpoints/journal';
import { checkpointScheme } from './checkpointScheme';

/**
 * The bytes `relative` had before the first step from `step` on that changed it, as text;
 * undefined when the file did not exist then (the agent created it) or no step changed it.
 */
export async function contentBefore(taskDir: string, relative: string, step: number): Promise<string | undefined> {
  const folder = path.join(taskDir, 'checkpoints');
  const journal = await loadJournal(path.join(folder, 'journal.json'));
  const found = journal.steps.filter((s) => s.step >= step).flatMap((s) => s.files).find((f) => f.path === relative);
  if (!found || found.before.kind !== 'file') return undefined;
  return (await new BlobStore(path.join(folder, 'blobs')).read(found.before.blob)).toString('utf8');
}

/** Opens "checkpoint ↔ now" for a file the agent changed. */
export async function openCheckpointDiff(root: string, taskDir: string, relative: string, step: number): Promise<void> {
  const query = new URLSearchParams({ task: taskDir, path: relative, step: String(step) }).toString();
  const before = vscode.Uri.from({ scheme: checkpointScheme, path: `/${relative}`, query });
  const now = vscode.Uri.file(path.join(root, relative));
  const exists = await vscode.workspace.fs.stat(now).then(() => true, () => false);
  const right = exists ? now : vscode.Uri.from({ scheme: 'untitled', path: now.path });
  await vscode.commands.executeCommand('vscode.diff', before, right, `${relative} (before step ${step} ↔ now)`);
}

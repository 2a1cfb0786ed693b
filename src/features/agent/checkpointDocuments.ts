import * as vscode from 'vscode';
import { checkpointScheme } from './checkpointScheme';

/**
 * Registered at activation (a diff may outlive the panel), so it loads the checkpoint reader only
 * when a document is opened: `tandem-agent-checkpoint:/<path>?task=<folder>&path=<path>&step=<n>`.
 */
export function registerAgentDocuments(): vscode.Disposable {
  return vscode.workspace.registerTextDocumentContentProvider(checkpointScheme, {
    async provideTextDocumentContent(uri) {
      const query = new URLSearchParams(uri.query);
      const { contentBefore } = await import('./checkpointDiff');
      return (await contentBefore(query.get('task') ?? '', query.get('path') ?? '', Number(query.get('step') ?? '1'))) ?? '';
    },
  });
}

import path from 'node:path';
import * as vscode from 'vscode';
import type { Problem, ProblemsReport, ResolvedFile } from '../../../core/agent/tools/environment';

/** Diagnostics keep arriving for a while after a file is opened or changed: wait until they are quiet this long. */
const quietMs = 600;
/** ... but never longer than this. */
const maxWaitMs = 4_000;

const severities: Record<vscode.DiagnosticSeverity, Problem['severity']> = {
  [vscode.DiagnosticSeverity.Error]: 'error',
  [vscode.DiagnosticSeverity.Warning]: 'warning',
  [vscode.DiagnosticSeverity.Information]: 'info',
  [vscode.DiagnosticSeverity.Hint]: 'hint',
};

/**
 * The Problems of the named files, or by default of the files the agent changed (`touched`), or
 * with neither, of the whole workspace. Each file is opened as a document (not shown), since many
 * language servers only check open files, and the diagnostics are read once they settle.
 */
export async function readProblems(root: string, named: readonly ResolvedFile[] | undefined, touched: readonly string[], signal: AbortSignal): Promise<ProblemsReport> {
  const relatives = named ? named.map((f) => f.relative) : [...touched];
  if (relatives.length === 0) {
    const problems = vscode.languages.getDiagnostics().flatMap(([uri, list]) => inWorkspace(root, uri) ? toProblems(root, uri, list) : []);
    return { scope: 'the workspace (the agent has changed no files yet)', problems };
  }
  const uris = relatives.map((relative) => vscode.Uri.file(path.join(root, ...relative.split('/'))));
  await Promise.all(uris.map((uri) => vscode.workspace.openTextDocument(uri).then(undefined, () => undefined)));
  await settled(uris, signal);
  const problems = uris.flatMap((uri) => toProblems(root, uri, vscode.languages.getDiagnostics(uri)));
  return { scope: named ? relatives.join(', ') : `the files the agent changed (${relatives.join(', ')})`, problems };
}

function settled(uris: readonly vscode.Uri[], signal: AbortSignal): Promise<void> {
  const keys = new Set(uris.map((u) => u.toString()));
  return new Promise((resolve) => {
    let quiet: NodeJS.Timeout;
    const done = () => {
      clearTimeout(quiet);
      clearTimeout(cap);
      subscription.dispose();
      signal.removeEventListener('abort', done);
      resolve();
    };
    const cap = setTimeout(done, maxWaitMs);
    const restart = () => {
      clearTimeout(quiet);
      quiet = setTimeout(done, quietMs);
    };
    const subscription = vscode.languages.onDidChangeDiagnostics((e) => {
      if (e.uris.some((u) => keys.has(u.toString()))) restart();
    });
    signal.addEventListener('abort', done, { once: true });
    restart();
  });
}

function toProblems(root: string, uri: vscode.Uri, diagnostics: readonly vscode.Diagnostic[]): Problem[] {
  const relative = path.relative(root, uri.fsPath).split(path.sep).join('/');
  return diagnostics.map((d) => {
    const code = typeof d.code === 'object' ? d.code.value : d.code;
    return {
      path: relative, severity: severities[d.severity], line: d.range.start.line + 1, column: d.range.start.character + 1, message: d.message,
      ...(d.source ? { source: d.source } : {}), ...(code !== undefined ? { code: String(code) } : {}),
    };
  });
}

function inWorkspace(root: string, uri: vscode.Uri): boolean {
  if (uri.scheme !== 'file') return false;
  const relative = path.relative(root, uri.fsPath);
  return relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative);
}

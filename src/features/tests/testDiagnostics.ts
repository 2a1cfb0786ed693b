import * as vscode from 'vscode';
import type { TestFailure, TestRunReport } from '../../core/testing';

export const diagnosticSource = 'Tandem tests';

interface Owned {
  /** The run that reported it (folder + test file, or folder alone for a whole suite). */
  owner: string;
  diagnostic: vscode.Diagnostic;
}

/**
 * The failures of the latest runs as problems on the files they point at ("Tandem tests" in the
 * Problems view). A run replaces what it reported before and whatever older runs said about the
 * files it covers: a whole suite covers its folder, a narrowed run its test file.
 */
export class TestDiagnostics implements vscode.Disposable {
  private readonly collection = vscode.languages.createDiagnosticCollection(diagnosticSource);
  private readonly byFile = new Map<string, { uri: vscode.Uri; items: Owned[] }>();

  show(folder: vscode.WorkspaceFolder, report: TestRunReport): void {
    const owner = `${folder.uri.toString()}\u0000${report.testFile ?? ''}`;
    const folderPrefix = `${folder.uri.toString().replace(/\/+$/, '')}/`;
    const testFileKey = report.testFile !== undefined ? uriOf(folder, report.testFile).toString() : undefined;
    const touched = new Set<string>();
    for (const [key, entry] of this.byFile) {
      const covered = report.testFile === undefined ? key.startsWith(folderPrefix) : key === testFileKey;
      const kept = entry.items.filter((item) => item.owner !== owner && !covered);
      if (kept.length !== entry.items.length) {
        entry.items = kept;
        touched.add(key);
      }
    }
    for (const failure of report.failures) {
      const file = failure.file ?? report.testFile;
      if (file === undefined) continue;
      const uri = uriOf(folder, file);
      const entry = this.byFile.get(uri.toString()) ?? { uri, items: [] };
      entry.items.push({ owner, diagnostic: toDiagnostic(failure) });
      this.byFile.set(uri.toString(), entry);
      touched.add(uri.toString());
    }
    for (const key of touched) {
      const entry = this.byFile.get(key);
      if (!entry) continue;
      if (entry.items.length > 0) this.collection.set(entry.uri, entry.items.map((item) => item.diagnostic));
      else {
        this.collection.delete(entry.uri);
        this.byFile.delete(key);
      }
    }
  }

  dispose(): void {
    this.collection.dispose();
  }
}

function uriOf(folder: vscode.WorkspaceFolder, file: string): vscode.Uri {
  return /^([A-Za-z]:)?[\\/]/.test(file) ? vscode.Uri.file(file) : vscode.Uri.joinPath(folder.uri, ...file.split('/'));
}

function toDiagnostic(failure: TestFailure): vscode.Diagnostic {
  const line = Math.max(0, (failure.line ?? 1) - 1);
  const column = Math.max(0, (failure.column ?? 1) - 1);
  // The column is where the failing expression starts; the problem spans the rest of that line.
  const range = new vscode.Range(line, column, line, Number.MAX_SAFE_INTEGER);
  const what = failure.kind === 'build' ? 'could not load' : 'failed';
  const firstLines = failure.message.split('\n').slice(0, 12).join('\n').trim();
  const diagnostic = new vscode.Diagnostic(range, `${failure.testName || 'Test'} ${what}: ${firstLines || '(no message)'}`, vscode.DiagnosticSeverity.Error);
  diagnostic.source = diagnosticSource;
  return diagnostic;
}

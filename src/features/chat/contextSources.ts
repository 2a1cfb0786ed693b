import * as vscode from 'vscode';
import type { ContextItem } from '../../core/chat/contextSet';

export type NewContextItem = Omit<ContextItem, 'enabled'>;

/** Files larger than this are read only up to it: the prompt budget would cut them anyway. */
const maxReadBytes = 1_000_000;
const maxOpenEditors = 10;
const maxProblems = 200;

/** The selection in an editor, or undefined when nothing is selected. */
export function selectionItem(editor: vscode.TextEditor): NewContextItem | undefined {
  const { selection, document } = editor;
  if (selection.isEmpty) return undefined;
  const text = document.getText(selection);
  if (!text.trim()) return undefined;
  const name = baseName(document.uri);
  // A selection ending at the start of a line (Shift+Down) does not include that line.
  const lastLine = selection.end.character === 0 && selection.end.line > selection.start.line ? selection.end.line - 1 : selection.end.line;
  const lines = selection.start.line === lastLine ? `${selection.start.line + 1}` : `${selection.start.line + 1}-${lastLine + 1}`;
  return {
    id: 'selection', kind: 'selection', label: `${name}:${lines}`,
    detail: `Selection in ${relativePath(document.uri)}, lines ${lines}`, text, language: document.languageId,
    path: relativePath(document.uri), wholeText: () => document.getText(),
  };
}

/** A workspace file's text; undefined for binary files. */
export async function fileItem(uri: vscode.Uri): Promise<NewContextItem | undefined> {
  const bytes = await vscode.workspace.fs.readFile(uri);
  const head = bytes.subarray(0, maxReadBytes);
  if (head.includes(0)) return undefined;
  const path = relativePath(uri);
  const text = new TextDecoder('utf-8').decode(head);
  const open = vscode.workspace.textDocuments.find((doc) => doc.uri.toString() === uri.toString());
  return {
    id: `file:${path}`, kind: 'file', label: path, path,
    detail: bytes.length > maxReadBytes ? `${path} (first ${maxReadBytes.toLocaleString('en-US')} bytes)` : path,
    // An open editor may hold unsaved changes: the user means what they see.
    text: open ? open.getText() : text,
    language: open?.languageId ?? extensionOf(path),
  };
}

/** Diagnostics of the active file, or of the whole workspace when no file is active. */
export function problemsItem(active: vscode.Uri | undefined): NewContextItem {
  const entries: Array<[vscode.Uri, readonly vscode.Diagnostic[]]> = active ? [[active, vscode.languages.getDiagnostics(active)]] : vscode.languages.getDiagnostics();
  const lines: string[] = [];
  for (const [uri, diagnostics] of entries) {
    for (const d of diagnostics) {
      if (lines.length >= maxProblems) break;
      const code = typeof d.code === 'object' ? d.code.value : d.code;
      const source = [d.source, code].filter((part) => part !== undefined && part !== '').join(' ');
      lines.push(`${relativePath(uri)}:${d.range.start.line + 1}:${d.range.start.character + 1} ${severityName(d.severity)}${source ? ` ${source}` : ''}: ${d.message}`);
    }
  }
  const where = active ? baseName(active) : 'the workspace';
  return {
    id: 'problems', kind: 'problems', label: `Problems in ${where} (${lines.length})`,
    detail: lines.length ? `${lines.length} problem(s) reported in ${where}` : `No problems are reported in ${where}`,
    text: lines.length ? lines.join('\n') : `No problems are reported in ${where}.`,
  };
}

/** The text of the open editors (up to ten), each under its path; `excluded` files are only named as left out. */
export async function openEditorsItem(excluded: (uri: vscode.Uri) => boolean): Promise<NewContextItem> {
  const uris: vscode.Uri[] = [];
  const leftOut: string[] = [];
  for (const group of vscode.window.tabGroups.all) {
    for (const tab of group.tabs) {
      if (!(tab.input instanceof vscode.TabInputText)) continue;
      const { uri } = tab.input;
      if (uris.some((u) => u.toString() === uri.toString()) || leftOut.includes(relativePath(uri))) continue;
      if (excluded(uri)) leftOut.push(relativePath(uri));
      else uris.push(uri);
    }
  }
  const sections: string[] = [];
  for (const uri of uris.slice(0, maxOpenEditors)) {
    try {
      const document = await vscode.workspace.openTextDocument(uri);
      sections.push(`--- ${relativePath(uri)} ---\n${document.getText()}`);
    } catch {
      // A tab whose file is gone or unreadable is skipped: the others still help.
    }
  }
  return {
    id: 'openEditors', kind: 'openEditors', label: `Open editors (${sections.length})`,
    detail: [uris.slice(0, maxOpenEditors).map(relativePath).join(', ') || 'No editors are open', leftOut.length ? `left out (ignore rules): ${leftOut.join(', ')}` : ''].filter(Boolean).join('; '),
    text: sections.join('\n\n') || 'No editors are open.',
  };
}

let pastedCount = 0;

export function pastedItem(text: string): NewContextItem {
  pastedCount++;
  const lines = text.split('\n').length;
  return { id: `pasted:${pastedCount}`, kind: 'pasted', label: `Pasted text ${pastedCount} (${lines} lines)`, detail: text.slice(0, 200), text };
}

export function relativePath(uri: vscode.Uri): string {
  return vscode.workspace.asRelativePath(uri, vscode.workspace.workspaceFolders !== undefined && vscode.workspace.workspaceFolders.length > 1);
}

function baseName(uri: vscode.Uri): string {
  return uri.path.split('/').pop() ?? uri.path;
}

function extensionOf(path: string): string | undefined {
  return /\.(\w+)$/.exec(path)?.[1];
}

function severityName(severity: vscode.DiagnosticSeverity): string {
  switch (severity) {
    case vscode.DiagnosticSeverity.Error: return 'error';
    case vscode.DiagnosticSeverity.Warning: return 'warning';
    case vscode.DiagnosticSeverity.Information: return 'info';
    default: return 'hint';
  }
}

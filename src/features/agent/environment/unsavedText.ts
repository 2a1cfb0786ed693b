import path from 'node:path';
import * as vscode from 'vscode';

const sameCase = process.platform !== 'win32' && process.platform !== 'darwin';

/** The text of an open editor with unsaved changes for this file, else undefined (the disk is current). */
export function unsavedTextOf(absolute: string): string | undefined {
  const wanted = key(absolute);
  const document = vscode.workspace.textDocuments.find((d) => d.isDirty && d.uri.scheme === 'file' && key(d.uri.fsPath) === wanted);
  return document?.getText();
}

function key(file: string): string {
  const resolved = path.resolve(file);
  return sameCase ? resolved : resolved.toLowerCase();
}

import * as vscode from 'vscode';

/** A command's argument as a file: a URI (Explorer and editor menus) or { uri } (other callers; a string is a URI or a path). */
export function uriFrom(arg: unknown): vscode.Uri | undefined {
  if (arg instanceof vscode.Uri) return arg;
  const uri = typeof arg === 'object' && arg !== null ? (arg as { uri?: unknown }).uri : undefined;
  if (uri instanceof vscode.Uri) return uri;
  if (typeof uri === 'string' && uri) return /^[A-Za-z][\w+.-]+:/.test(uri) && !/^[A-Za-z]:[\\/]/.test(uri) ? vscode.Uri.parse(uri) : vscode.Uri.file(uri);
  return undefined;
}

/** Generate Tests' argument: the file, and the user's words from `/tests` in chat (which then hears the outcome). */
export function generateRequest(arg: unknown): { uri?: vscode.Uri; instruction?: string; fromChat?: boolean } {
  const uri = uriFrom(arg);
  const fields = typeof arg === 'object' && arg !== null && !(arg instanceof vscode.Uri) ? (arg as { instruction?: unknown; fromChat?: unknown }) : {};
  const { instruction } = fields;
  return {
    ...(uri ? { uri } : {}),
    ...(typeof instruction === 'string' && instruction.trim() ? { instruction: instruction.trim() } : {}),
    ...(fields.fromChat === true ? { fromChat: true } : {}),
  };
}

import * as vscode from 'vscode';

// Files the edit tests write into the workspace copy, and the two-function text whose changes make
// two separate hunks (shared by the review and inline-edit suites).

/** A folder of the workspace for one suite's files. */
export function scratchFolder(name: string): vscode.Uri {
  return vscode.Uri.joinPath(vscode.workspace.workspaceFolders![0]!.uri, name);
}

export async function writeScratch(folder: vscode.Uri, name: string, text: string): Promise<vscode.Uri> {
  const uri = vscode.Uri.joinPath(folder, name);
  await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
  return uri;
}

/** Two functions far apart, so a change to each is its own hunk. */
export const cartText = [
  'export function total(prices: number[]): number {',
  '  let sum = 0;',
  '  for (const price of prices) sum += price;',
  '  return sum;',
  '}',
  '',
  '// padding so the two functions are far apart',
  '// padding',
  '// padding',
  '',
  'export function count(prices: number[]): number {',
  '  return prices.length;',
  '}',
  '',
].join('\n');

/** `cartText` with one line of each function changed. */
export const cartChanged = cartText
  .replace('  let sum = 0;\n', '  let sum = 0; // cents\n')
  .replace('  return prices.length;\n', '  return prices.filter((price) => price > 0).length;\n');

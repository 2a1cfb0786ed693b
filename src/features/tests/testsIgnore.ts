import * as vscode from 'vscode';
import { FileFilter, type GitignoreFile } from '../../core/chat/fileFilter';
import { createIgnoreMatcher, eitherIgnores, type IgnoreMatcher } from '../../core/context';

const gitignoreScanLimit = 200;

/**
 * The files of `folder` that may not go to a model: the sensitive-file list, `tandem.ignore` and
 * the folder's .gitignore files, read now. Awaited on each command (they are user-triggered, not
 * hot) because a matcher that loads in the background lets the first command after start-up
 * through before the .gitignore rules arrive.
 */
export async function folderIgnore(folder: vscode.WorkspaceFolder, patterns: readonly string[]): Promise<IgnoreMatcher> {
  const gitignores: GitignoreFile[] = [];
  const base = `${folder.uri.path.replace(/\/+$/, '')}/`;
  const uris = await vscode.workspace.findFiles(new vscode.RelativePattern(folder, '**/.gitignore'), '{**/node_modules/**,**/.git/**}', gitignoreScanLimit);
  for (const uri of uris) {
    const rel = uri.path.startsWith(base) ? uri.path.slice(base.length) : '';
    const content = await vscode.workspace.fs.readFile(uri).then((bytes) => new TextDecoder().decode(bytes), () => '');
    gitignores.push({ dir: rel.replace(/(^|\/)\.gitignore$/, ''), content });
  }
  return eitherIgnores(createIgnoreMatcher(), new FileFilter(gitignores, patterns));
}

import * as vscode from 'vscode';
import { reviewScheme } from './reviewUris';

/**
 * A review document shows old and new lines together, so it is not valid code. Language servers
 * that check every open document of their language whatever its scheme (TypeScript's above all)
 * reported "'}' expected" for it in the Problems view, and the problems outlived the review.
 * Review documents of those languages get a language of their own that no server checks, with the
 * original grammar (contributed in package.json, media/review/*.tmLanguage.json) for highlighting.
 */
const SHADOWED: Readonly<Record<string, string>> = {
  typescript: 'tandem-review-typescript',
  typescriptreact: 'tandem-review-typescriptreact',
  javascript: 'tandem-review-javascript',
  javascriptreact: 'tandem-review-javascriptreact',
  json: 'tandem-review-json',
  jsonc: 'tandem-review-json',
  css: 'tandem-review-css',
  scss: 'tandem-review-scss',
  less: 'tandem-review-less',
  html: 'tandem-review-html',
};

/** By file extension, for files the review creates (there is no document to ask yet). */
const BY_EXTENSION: Readonly<Record<string, string>> = {
  ts: 'typescript', mts: 'typescript', cts: 'typescript', tsx: 'typescriptreact',
  js: 'javascript', mjs: 'javascript', cjs: 'javascript', jsx: 'javascriptreact',
  json: 'json', jsonc: 'jsonc', css: 'css', scss: 'scss', less: 'less', html: 'html', htm: 'html',
};

/** The language a review document of a file in `languageId` gets. */
export function reviewLanguageFor(languageId: string): string {
  return SHADOWED[languageId] ?? languageId;
}

/**
 * Gives every review document, as it opens, the review language of the file it shows.
 * `targetOf` names that file (undefined for a review that has ended).
 */
export function watchReviewLanguages(targetOf: (reviewUri: vscode.Uri) => Promise<vscode.Uri | undefined>): vscode.Disposable {
  const apply = async (document: vscode.TextDocument): Promise<void> => {
    if (document.uri.scheme !== reviewScheme) return;
    const target = await targetOf(document.uri);
    if (!target) return;
    const language = await languageOf(target);
    const wanted = language && reviewLanguageFor(language);
    if (wanted && document.languageId !== wanted && !document.isClosed) await vscode.languages.setTextDocumentLanguage(document, wanted);
  };
  const safely = (document: vscode.TextDocument) => void apply(document).catch(() => undefined); // highlighting only: never worth an error
  vscode.workspace.textDocuments.forEach(safely);
  return vscode.workspace.onDidOpenTextDocument(safely);
}

async function languageOf(target: vscode.Uri): Promise<string | undefined> {
  const extension = /\.([^./]+)$/.exec(target.path)?.[1]?.toLowerCase();
  const known = extension ? BY_EXTENSION[extension] : undefined;
  if (known) return known;
  const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === target.toString());
  if (open) return open.languageId;
  try {
    return (await vscode.workspace.openTextDocument(target)).languageId;
  } catch {
    return undefined; // a file the review creates, in a language we do not know by its extension
  }
}

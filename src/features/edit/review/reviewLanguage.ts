import * as vscode from 'vscode';
import { reviewScheme, reviewSuffix } from './reviewUris';

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

/** Gives every review document, as it opens, the review language of the file it shows. */
export function watchReviewLanguages(): vscode.Disposable {
  const apply = async (document: vscode.TextDocument): Promise<void> => {
    if (document.uri.scheme !== reviewScheme) return;
    // `/<review id>/<file index>/<workspace-relative path> (Review)`, see reviewUri().
    const shown = /^\/[^/]+\/\d+\/(.*)$/.exec(document.uri.path)?.[1];
    if (!shown) return;
    const language = languageOf(shown.endsWith(reviewSuffix) ? shown.slice(0, -reviewSuffix.length) : shown);
    const wanted = language && reviewLanguageFor(language);
    if (wanted && document.languageId !== wanted && !document.isClosed) await vscode.languages.setTextDocumentLanguage(document, wanted);
  };
  const safely = (document: vscode.TextDocument) => void apply(document).catch(() => undefined); // highlighting only: never worth an error
  vscode.workspace.textDocuments.forEach(safely);
  return vscode.workspace.onDidOpenTextDocument(safely);
}

/** The language of the reviewed file: by its extension, else as the open file's document says. */
function languageOf(relative: string): string | undefined {
  const extension = /\.([^./]+)$/.exec(relative)?.[1]?.toLowerCase();
  const known = extension ? BY_EXTENSION[extension] : undefined;
  if (known) return known;
  // The review opened the file to compute its changes, so it is among the open documents (a file
  // the review creates is not: it stays unhighlighted).
  return vscode.workspace.textDocuments.find((d) => d.uri.scheme !== reviewScheme && vscode.workspace.asRelativePath(d.uri, false) === relative)?.languageId;
}

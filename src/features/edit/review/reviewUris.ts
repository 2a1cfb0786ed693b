import * as vscode from 'vscode';

/** The read-only review documents: `tandem-review:/<review id>/<file index>/<workspace-relative path>`. */
export const reviewScheme = 'tandem-review';

/** What a review URI shows: the file with its hunks inline, or a side of the side-by-side diff. */
export type ReviewSide = 'inline' | 'original' | 'proposal';

export interface ReviewUriParts {
  reviewId: string;
  fileIndex: number;
  side: ReviewSide;
}

/**
 * The path is the file's own path plus " (Review)": the tab reads "money.ts (Review)", never a
 * second "money.ts", and no language is picked by the extension (reviewLanguage.ts sets one).
 */
export function reviewUri(reviewId: string, fileIndex: number, target: vscode.Uri, side: ReviewSide = 'inline'): vscode.Uri {
  const relative = vscode.workspace.asRelativePath(target, false).replace(/^\/+/, '');
  return vscode.Uri.from({ scheme: reviewScheme, path: `/${reviewId}/${fileIndex}/${relative}${reviewSuffix}`, query: side === 'inline' ? '' : side });
}

export const reviewSuffix = ' (Review)';

export function parseReviewUri(uri: vscode.Uri): ReviewUriParts | undefined {
  if (uri.scheme !== reviewScheme) return undefined;
  const match = /^\/([^/]+)\/(\d+)\//.exec(uri.path);
  if (!match) return undefined;
  const side: ReviewSide = uri.query === 'original' || uri.query === 'proposal' ? uri.query : 'inline';
  return { reviewId: match[1]!, fileIndex: Number(match[2]), side };
}

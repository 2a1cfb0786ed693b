import { splitText } from '../text/lineText';

/**
 * Puts a proposal in the document's terms before it is reviewed. VS Code documents keep the BOM
 * out of their text and use one line ending throughout; a proposal computed from the file on disk
 * may differ from the document in just those ways, which would otherwise make every line a
 * conflict. Anything else that differs is left for the merge with the user's edits.
 */
export function alignToDocument(originalText: string, proposedText: string, documentText: string): { base: string; proposed: string } {
  let base = originalText;
  let proposed = proposedText;
  if (base.startsWith('\uFEFF') && !documentText.startsWith('\uFEFF')) {
    base = base.slice(1);
    proposed = proposed.replace(/^\uFEFF/, '');
  }
  if (base === documentText) return { base, proposed };
  const eol = splitText(documentText).eol;
  const toEol = (text: string) => text.replace(/\r?\n/g, eol);
  if (documentText.includes('\n') && toEol(base) === documentText) return { base: documentText, proposed: toEol(proposed) };
  return { base, proposed };
}

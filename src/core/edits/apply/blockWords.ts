import type { EditBlock } from '../types';

/** How the retry message names the part of a block that has to match. */
export function searchNoun(block: EditBlock): string {
  switch (block.format) {
    case 'unified-diff': return "hunk's context and removed lines";
    case 'apply-patch': return "patch chunk's context and removed lines";
    case 'search-replace': return 'SEARCH text';
    default: return 'code';
  }
}

export function formatName(block: EditBlock): string {
  switch (block.format) {
    case 'unified-diff': return 'diff hunk';
    case 'apply-patch': return 'apply_patch chunk';
    case 'search-replace': return 'SEARCH/REPLACE block';
    case 'whole-file': return 'code block';
    case 'partial-file': return 'code block with elided parts';
  }
}

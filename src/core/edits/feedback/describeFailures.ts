import type { EditBlock, EditPlan, FileEditResult } from '../types';
import { formatName } from '../apply/blockWords';

/**
 * A message for the model about what did not apply: each failed block by number, where it was in
 * the response, why it failed, and the closest text in the file with its lines and similarity, so
 * the model can correct the block. Empty when nothing failed. Pass the plan to quote each block's
 * first search line.
 */
export function describeFailures(results: FileEditResult | readonly FileEditResult[], plan?: EditPlan): string {
  const list = Array.isArray(results) ? results : [results as FileEditResult];
  const failed = list.filter((r) => r.status === 'failed');
  if (failed.length === 0) return '';
  const blocksByIndex = new Map<number, EditBlock>();
  for (const file of plan?.files ?? []) for (const block of file.blocks) blocksByIndex.set(block.index, block);
  const sections = failed.map((file) => describeFile(file, blocksByIndex));
  return [
    'Some edits could not be applied. A file with any failed block was left unchanged (none of its blocks were applied); send corrected edits for these files:',
    ...sections,
  ].join('\n\n') + '\n';
}

function describeFile(file: FileEditResult, blocks: ReadonlyMap<number, EditBlock>): string {
  const failedBlocks = file.blocks.filter((b) => b.status === 'failed');
  const heading = `## ${file.path ?? '(no file named)'}: ${failedBlocks.length} of ${file.blocks.length} block${file.blocks.length === 1 ? '' : 's'} failed`;
  const lines = [heading];
  if (file.message && !failedBlocks.some((b) => b.reason === file.message)) lines.push(file.message);
  for (const result of failedBlocks) {
    const block = blocks.get(result.index);
    const where = block ? ` (${formatName(block)} at response line ${block.responseLine}${firstLine(block)})` : '';
    lines.push(`- Block ${result.index + 1}${where}: ${result.reason ?? 'failed.'}`);
    if (result.closest) {
      lines.push(`  The closest text in the file is lines ${result.closest.startLine}-${result.closest.endLine} (similarity ${result.closest.similarity.toFixed(2)}):`);
      if (result.closest.text !== undefined) lines.push(indentFence(result.closest.text));
      lines.push('  Copy the lines to replace exactly as they are in the file.');
    }
    for (const candidate of result.candidates?.slice(0, 3) ?? []) {
      if (candidate.text === undefined) continue;
      lines.push(`  Lines ${candidate.startLine}-${candidate.endLine}:`, indentFence(candidate.text));
    }
  }
  return lines.join('\n');
}

function firstLine(block: EditBlock): string {
  const text = block.kind === 'search-replace' ? block.search.find((line) => line.trim() !== '') : undefined;
  return text ? `, starting "${text.trim().slice(0, 80)}"` : '';
}

function indentFence(text: string): string {
  const fence = text.includes('```') ? '~~~~' : '```';
  return [fence, ...text.split('\n'), fence].map((line) => `  ${line}`).join('\n');
}

import assert from 'node:assert/strict';
import { BlockScanner } from '../../../media/chat/blockScanner';
import { renderMarkdown } from '../../../media/chat/markdown';

const answer = [
  '## Why the total is wrong',
  '',
  'The loop adds **cents** to a float. Here is the fix:',
  '```ts src/money.ts',
  'export function total(items: Item[]): number {',
  '',
  '  // blank line above must not end the block',
  '  return items.reduce((sum, i) => sum + i.cents, 0);',
  '}',
  '```',
  'And a test:',
  '',
  '~~~python',
  'def test():',
  '    ```not a fence close```',
  '~~~',
  '',
  '- first point',
  '- second point with `code`',
  '  continued line',
  '',
  '1. step one',
  '',
  '   an indented paragraph that belongs to step one',
  '',
  '       indented code inside the list',
  '',
  '> a quote',
  '> over two lines',
  '',
  '| a | b |',
  '|---|---|',
  '| 1 | 2 |',
  '',
  'Done.',
].join('\n');

/** Feeds the text in chunks of the given sizes, as a stream would, and returns the cut points. */
function stream(text: string, chunk: (i: number) => number): { cuts: number[]; scanner: BlockScanner } {
  const scanner = new BlockScanner();
  const cuts: number[] = [];
  let end = 0;
  for (let i = 0; end < text.length; i++) {
    end = Math.min(text.length, end + chunk(i));
    scanner.scan(text.slice(0, end));
    if (scanner.stableEnd !== (cuts.at(-1) ?? 0)) {
      assert.ok(scanner.stableEnd > (cuts.at(-1) ?? 0), 'stable prefix only grows');
      assert.ok(scanner.stableEnd <= end);
      cuts.push(scanner.stableEnd);
    }
  }
  return { cuts, scanner };
}

function renderInParts(text: string, cuts: number[]): string {
  const bounds = [0, ...cuts, text.length];
  return bounds.slice(1).map((b, i) => renderMarkdown(text.slice(bounds[i], b))).join('');
}

describe('streaming Markdown: where a growing answer can be cut into final blocks', () => {
  for (const [name, chunk] of [['one character at a time', () => 1], ['4-character tokens', () => 4], ['uneven batches', (i: number) => 1 + ((i * 7) % 23)]] as const) {
    it(`rendering the parts equals rendering the whole (${name})`, () => {
      const { cuts } = stream(answer, chunk);
      assert.ok(cuts.length >= 6, `only ${cuts.length} cuts: ${cuts}`);
      assert.equal(renderInParts(answer, cuts), renderMarkdown(answer));
    });
  }

  it('closes a code block as one final part, so it is highlighted once', () => {
    const { cuts } = stream(answer, () => 3);
    const fenceStart = answer.indexOf('```ts');
    const fenceEnd = answer.indexOf('```\n', fenceStart + 5) + 4;
    assert.ok(cuts.includes(fenceStart), 'cut before the fence opens');
    assert.ok(cuts.includes(fenceEnd), 'cut right after it closes');
    assert.ok(!cuts.some((c) => c > fenceStart && c < fenceEnd), 'no cut inside the code');
  });

  it('reports the open fence while its code is still arriving', () => {
    const partial = answer.slice(0, answer.indexOf('return items'));
    const scanner = new BlockScanner();
    scanner.scan(partial);
    assert.equal(scanner.fence?.info, 'ts src/money.ts');
    assert.equal(scanner.fence?.start, answer.indexOf('```ts'));
    assert.equal(scanner.stableEnd, scanner.fence?.start);
  });

  it('gives the same cuts when the finished text is dropped after each cut (as the renderer does)', () => {
    const { cuts: absolute } = stream(answer, () => 5);
    const scanner = new BlockScanner();
    let kept = '';
    let dropped = 0;
    const rebased: number[] = [];
    for (let end = 0; end < answer.length;) {
      const next = Math.min(answer.length, end + 5);
      kept += answer.slice(end, next);
      end = next;
      scanner.scan(kept);
      if (scanner.stableEnd > 0) {
        dropped += scanner.stableEnd;
        rebased.push(dropped);
        kept = kept.slice(scanner.stableEnd);
        scanner.rebase(scanner.stableEnd);
      }
    }
    assert.deepEqual(rebased, absolute);
  });

  it('never cuts before an indented line that may still belong to the block above', () => {
    const text = '1. step\n\n   more of step one\n\nnext\n';
    const { cuts } = stream(text, () => 1);
    assert.deepEqual(cuts, [text.indexOf('next')]);
  });
});

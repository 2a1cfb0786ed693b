import assert from 'node:assert/strict';
import { AnsiParser, type AnsiSegment } from '../../../media/chat/agent/ansi';

const esc = '\x1b';
const flat = (segments: AnsiSegment[]) => segments.map((s) => `${s.classes.length ? `[${s.classes.join(' ')}]` : ''}${s.text}`).join('|');

describe('agent panel: ANSI output to classed text', () => {
  it('turns SGR colours and styles into classes and resets them', () => {
    const out = new AnsiParser().feed(`${esc}[1;31mFAIL${esc}[0m src/a.test.ts ${esc}[32m✓ 3 passed${esc}[39m done`);
    assert.equal(flat(out), '[ansi-bold ansi-fg-red]FAIL| src/a.test.ts |[ansi-fg-green]✓ 3 passed| done');
  });

  it('keeps the style across chunks and completes an escape cut at a chunk boundary', () => {
    const parser = new AnsiParser();
    const first = parser.feed(`ok ${esc}[3`);
    const second = parser.feed(`3mwarn${esc}`);
    const third = parser.feed('[0m end');
    assert.equal(flat(first), 'ok ');
    assert.equal(flat(second), '[ansi-fg-yellow]warn');
    assert.equal(flat(third), ' end');
  });

  it('drops cursor moves, OSC titles and shell-integration marks, and other control characters', () => {
    const out = new AnsiParser().feed(`${esc}]633;A\x07${esc}]0;title\x07${esc}[2K${esc}[1Gnpm test\r\n\x07bell${esc}(B`);
    assert.equal(flat(out), 'npm test\nbell');
  });

  it('maps 256-colour and true-colour codes to the nearest theme colour, bright and background ones too', () => {
    const out = new AnsiParser().feed(`${esc}[38;5;9ma${esc}[38;2;0;200;0mb${esc}[48;5;4;97mc${esc}[7md`);
    assert.equal(flat(out), '[ansi-fg-bright-red]a|[ansi-fg-bright-green]b|[ansi-fg-bright-white ansi-bg-blue]c|[ansi-fg-blue ansi-bg-bright-white]d');
  });

  it('passes markup through as plain text (it is put in text nodes, never parsed)', () => {
    const hostile = '<img src=x onerror="alert(1)"><script>alert(2)</script>';
    assert.equal(flat(new AnsiParser().feed(`${esc}[31m${hostile}`)), `[ansi-fg-red]${hostile}`);
  });

  it('gives back a dangling escape at the end as text without the ESC', () => {
    const parser = new AnsiParser();
    assert.equal(flat(parser.feed(`tail ${esc}[31`)), 'tail ');
    assert.equal(flat(parser.end()), '[31');
  });

  it('parses 2 MB of coloured output in 64 KB chunks well inside the 50 ms frame budget on average', () => {
    const line = `${esc}[32m✓${esc}[0m test number ${'x'.repeat(40)} ${esc}[2m(3 ms)${esc}[22m\n`;
    const chunk = line.repeat(Math.ceil(65_536 / line.length));
    const parser = new AnsiParser();
    parser.feed(chunk); // warm-up
    const start = performance.now();
    for (let i = 0; i < 32; i++) parser.feed(chunk);
    const average = (performance.now() - start) / 32;
    // The average, not the worst: this machine is shared, and one chunk can wait for a core.
    assert.ok(average < 25, `a 64 KB chunk took ${average.toFixed(1)} ms on average`);
  });
});

import assert from 'node:assert/strict';
import { dedent, screenLines } from '../../../src/core/testing/parse/terminal';

describe('screenLines: terminal output as it looked on screen', () => {
  it('drops colours and keeps tabs', () => {
    assert.deepEqual(screenLines('\x1b[31m✖ failed\x1b[39m\nFAIL\texample.com/pkg\t0.01s\n'), ['✖ failed', 'FAIL\texample.com/pkg\t0.01s']);
  });

  it('treats CRLF like LF, and a lone CR as a return to the line start', () => {
    assert.deepEqual(screenLines('one\r\ntwo\r\n'), ['one', 'two']);
    assert.deepEqual(screenLines('progress 10%\rprogress 99%\rdone        \n'), ['done']);
  });

  it('replays cursor-up and erase-line, so redrawn live summaries leave only the last frame', () => {
    const frame = (n: number): string => `Tests ${n} passed\nDuration ${n}00ms\n`;
    const erase = '\x1b[K\x1b[1A\x1b[K\x1b[1A\x1b[K';
    assert.deepEqual(screenLines(`RUN\n${frame(1)}${erase}${frame(2)}${erase}final report\n`), ['RUN', 'final report']);
  });

  it('moves the cursor back and to a column', () => {
    assert.deepEqual(screenLines('Determining...\x1b[999D\x1b[Kdone\n'), ['done']);
    assert.deepEqual(screenLines('abcdef\x1b[3Gx\n'), ['abxdef']);
  });

  it('drops hyperlinks (OSC 8), charset switches and other escapes but keeps their text', () => {
    assert.deepEqual(screenLines('see \x1b]8;;file:///a.ts\x07a.ts\x1b]8;;\x07 ok\x1b(B\x1b7!\n'), ['see a.ts ok!']);
  });
});

describe('dedent', () => {
  it('removes the first line\'s indentation and leaves less indented lines (diffs at column 0) alone', () => {
    assert.equal(dedent(['', '    Error: boom', '      detail', '- expected', '']), 'Error: boom\n  detail\n- expected');
  });
});

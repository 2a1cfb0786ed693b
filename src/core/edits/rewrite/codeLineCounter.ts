import { isBlank } from '../text/normalize';

const thinkOpen = /^\s*<(think|thinking|reasoning)>/i;
const anyThinkClose = /<\/(?:think|thinking|reasoning)>/i;
const fenceOpen = /^ {0,3}(`{3,}|~{3,})/;

interface State {
  /** 'start': only blank lines so far; 'thinking': inside a leading <think> block. */
  phase: 'start' | 'thinking' | 'answer';
  thinkTag: string;
  /** A closing think tag was seen: later ones are part of the answer. */
  sawClose: boolean;
  fence: string | undefined;
  fenceClosed: boolean;
  /** Lines inside the fence, or non-blank lines when there is none. */
  count: number;
}

/**
 * `streamedCodeLines` kept up to date as an answer streams in: each complete line is read once,
 * and only the line still arriving is looked at again. Re-reading the whole answer on every
 * delta made a 10 MB answer take 20 s (quadratic); this is linear.
 */
export class StreamedCodeLineCounter {
  private state: State = { phase: 'start', thinkTag: '', sawClose: false, fence: undefined, fenceClosed: false, count: 0 };
  private pending = '';

  push(text: string): void {
    let start = 0;
    for (let newline = text.indexOf('\n'); newline >= 0; newline = text.indexOf('\n', start)) {
      const line = this.pending + text.slice(start, newline);
      this.pending = '';
      this.state = readLine(this.state, line, true);
      start = newline + 1;
    }
    this.pending += text.slice(start);
  }

  /** Lines of code received so far, the line still arriving included once it has text. */
  count(): number {
    const state = this.pending === '' ? this.state : readLine(this.state, this.pending, false);
    return state.phase === 'answer' ? state.count : 0;
  }
}

function readLine(previous: State, line: string, complete: boolean): State {
  const state = { ...previous };
  if (state.phase === 'start') {
    const open = thinkOpen.exec(line);
    if (open) {
      state.phase = 'thinking';
      state.thinkTag = open[1]!.toLowerCase();
      line = line.slice(open[0].length);
    } else if (isBlank(line)) {
      return state;
    } else {
      state.phase = 'answer';
    }
  }
  if (state.phase === 'thinking') {
    const close = line.toLowerCase().indexOf(`</${state.thinkTag}>`);
    if (close < 0) return state;
    state.phase = 'answer';
    state.sawClose = true;
    return readAnswerLine(state, line.slice(close + state.thinkTag.length + 3), complete);
  }
  if (!state.sawClose) {
    // Some servers strip the opening tag: what came before the first closing tag was thinking.
    const close = anyThinkClose.exec(line);
    if (close) {
      Object.assign(state, { sawClose: true, fence: undefined, fenceClosed: false, count: 0 });
      return readAnswerLine(state, line.slice(close.index + close[0].length), complete);
    }
  }
  return readAnswerLine(state, line, complete);
}

function readAnswerLine(state: State, line: string, complete: boolean): State {
  if (state.fence === undefined) {
    const open = fenceOpen.exec(line);
    if (open) {
      state.fence = open[1]!;
      state.count = 0;
    } else if (!isBlank(line)) {
      state.count++;
    }
    return state;
  }
  if (state.fenceClosed) return state;
  if (line.trim() === state.fence) state.fenceClosed = true;
  else if (complete || line !== '') state.count++;
  return state;
}

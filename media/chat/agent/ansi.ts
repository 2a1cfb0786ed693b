/**
 * Terminal output to styled text segments. SGR codes (colours, bold, dim, italic, underline,
 * inverse) become CSS class names; every other escape sequence (cursor moves, OSC titles and
 * shell-integration marks, charset switches) is dropped. The text itself is never HTML: callers
 * put it in text nodes. Pure, so it runs in Node tests too.
 */
export interface AnsiSegment {
  text: string;
  /** e.g. ['ansi-bold', 'ansi-fg-red'] */
  classes: string[];
}

interface Style {
  bold: boolean;
  dim: boolean;
  italic: boolean;
  underline: boolean;
  inverse: boolean;
  fg: string | undefined;
  bg: string | undefined;
}

const colourNames = ['black', 'red', 'green', 'yellow', 'blue', 'magenta', 'cyan', 'white'];
/** An escape sequence that may continue in the next chunk is held back, up to this length. */
const maxPendingEscape = 256;
// CSI (ESC [ ... final), OSC (ESC ] ... BEL or ESC \), other two-character escapes, lone C1 CSI.
// eslint-disable-next-line no-control-regex -- terminal escapes are control characters by definition
const escapePattern = /\x1b\[([0-?]*)[ -/]*([@-~])|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b[()][0-9A-Za-z]|\x1b[@-Z\\-_]|\x9b[0-?]*[ -/]*[@-~]/g;
// eslint-disable-next-line no-control-regex -- see above
const unfinishedEscape = /\x1b(?:\[[0-?]*[ -/]*|\][^\x07\x1b]*|[()])?$/;

// eslint-disable-next-line no-control-regex -- control characters that are not text (\n and \t are)
const controls = /[\x00-\x08\x0b-\x1f\x7f]/;
// eslint-disable-next-line no-control-regex -- see above
const allControls = /[\x00-\x08\x0b-\x1f\x7f]/g;

export class AnsiParser {
  private style: Style = plain();
  /** The current style's classes, worked out when the style changes (not per segment); the same array while it holds. */
  private classes: string[] = [];
  private pending = '';

  /** The segments of one chunk; a sequence cut at the chunk's end is completed by the next one. */
  feed(chunk: string): AnsiSegment[] {
    let text = this.pending + chunk;
    this.pending = '';
    const cut = unfinishedEscape.exec(text);
    if (cut && text.length - cut.index <= maxPendingEscape) {
      this.pending = text.slice(cut.index);
      text = text.slice(0, cut.index);
    }
    const segments: AnsiSegment[] = [];
    let last = 0;
    escapePattern.lastIndex = 0;
    for (let match = escapePattern.exec(text); match; match = escapePattern.exec(text)) {
      this.push(segments, text.slice(last, match.index));
      if (match[2] === 'm') this.apply(match[1] ?? '');
      last = match.index + match[0].length;
    }
    this.push(segments, text.slice(last));
    return segments;
  }

  /** Whatever was held back, as text (the output ended inside an escape). */
  end(): AnsiSegment[] {
    const rest = this.pending.replace(/\x1b/g, ''); // eslint-disable-line no-control-regex -- drop the stray ESC
    this.pending = '';
    const segments: AnsiSegment[] = [];
    this.push(segments, rest);
    return segments;
  }

  private push(segments: AnsiSegment[], raw: string): void {
    // Other control characters (BEL, backspace, a lone \r...) are not text.
    const text = controls.test(raw) ? raw.replace(allControls, '') : raw;
    if (!text) return;
    const previous = segments[segments.length - 1];
    if (previous && previous.classes === this.classes) previous.text += text;
    else segments.push({ text, classes: this.classes });
  }

  private apply(params: string): void {
    this.applyCodes(params);
    const classes = classesOf(this.style);
    if (classes.join(' ') !== this.classes.join(' ')) this.classes = classes;
  }

  private applyCodes(params: string): void {
    const codes = params === '' ? [0] : params.split(/[;:]/).map((p) => (p === '' ? 0 : Number(p)));
    for (let i = 0; i < codes.length; i++) {
      const code = codes[i] ?? 0;
      if (code === 0) this.style = plain();
      else if (code === 1) this.style.bold = true;
      else if (code === 2) this.style.dim = true;
      else if (code === 3) this.style.italic = true;
      else if (code === 4) this.style.underline = true;
      else if (code === 7) this.style.inverse = true;
      else if (code === 22) this.style.bold = this.style.dim = false;
      else if (code === 23) this.style.italic = false;
      else if (code === 24) this.style.underline = false;
      else if (code === 27) this.style.inverse = false;
      else if (code >= 30 && code <= 37) this.style.fg = colourNames[code - 30];
      else if (code >= 90 && code <= 97) this.style.fg = `bright-${colourNames[code - 90] ?? ''}`;
      else if (code === 39) this.style.fg = undefined;
      else if (code >= 40 && code <= 47) this.style.bg = colourNames[code - 40];
      else if (code >= 100 && code <= 107) this.style.bg = `bright-${colourNames[code - 100] ?? ''}`;
      else if (code === 49) this.style.bg = undefined;
      else if (code === 38 || code === 48) {
        const colour = extendedColour(codes, i);
        i = colour.next;
        if (code === 38) this.style.fg = colour.name;
        else this.style.bg = colour.name;
      }
    }
  }
}

/** 38;5;n (256 colours: the first 16 map to the theme's names) and 38;2;r;g;b (the nearest of the 16). */
function extendedColour(codes: number[], at: number): { name: string | undefined; next: number } {
  const mode = codes[at + 1];
  if (mode === 5) {
    const n = codes[at + 2] ?? 0;
    return { name: n < 8 ? colourNames[n] : n < 16 ? `bright-${colourNames[n - 8] ?? ''}` : nearest(...cubeRgb(n)), next: at + 2 };
  }
  if (mode === 2) return { name: nearest(codes[at + 2] ?? 0, codes[at + 3] ?? 0, codes[at + 4] ?? 0), next: at + 4 };
  return { name: undefined, next: at + 1 };
}

function cubeRgb(n: number): [number, number, number] {
  if (n >= 232) {
    const grey = 8 + (n - 232) * 10;
    return [grey, grey, grey];
  }
  const index = n - 16;
  const level = (v: number) => (v === 0 ? 0 : 55 + v * 40);
  return [level(Math.floor(index / 36) % 6), level(Math.floor(index / 6) % 6), level(index % 6)];
}

function nearest(r: number, g: number, b: number): string {
  const bright = Math.max(r, g, b) > 191;
  const bit = (v: number) => (v > (bright ? 127 : 63) ? 1 : 0);
  const index = bit(r) + bit(g) * 2 + bit(b) * 4;
  const name = colourNames[index] ?? 'white';
  return bright ? `bright-${name}` : name;
}

function plain(): Style {
  return { bold: false, dim: false, italic: false, underline: false, inverse: false, fg: undefined, bg: undefined };
}

function classesOf(style: Style): string[] {
  const classes: string[] = [];
  if (style.bold) classes.push('ansi-bold');
  if (style.dim) classes.push('ansi-dim');
  if (style.italic) classes.push('ansi-italic');
  if (style.underline) classes.push('ansi-underline');
  const fg = style.inverse ? style.bg ?? 'inverse-fg' : style.fg;
  const bg = style.inverse ? style.fg ?? 'inverse-bg' : style.bg;
  if (fg) classes.push(`ansi-fg-${fg}`);
  if (bg) classes.push(`ansi-bg-${bg}`);
  return classes;
}

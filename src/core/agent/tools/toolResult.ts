import type { ToolOutcome } from '../types';

export function succeeded(content: string, summary: string, extra: Partial<ToolOutcome> = {}): ToolOutcome {
  return { ok: true, content, summary, ...extra };
}

export function failed(content: string, summary = content, extra: Partial<ToolOutcome> = {}): ToolOutcome {
  return { ok: false, content, summary: firstLine(summary), ...extra };
}

/** A refusal: not run, the reason goes to the model and the user; it counts as an error in a row. */
export function refused(reason: string): ToolOutcome {
  return { ok: false, refused: true, content: `Refused: ${reason}`, summary: `refused: ${firstLine(reason)}` };
}

function firstLine(text: string): string {
  const line = text.split('\n', 1)[0] ?? '';
  return line.length > 200 ? `${line.slice(0, 199)}…` : line;
}

/** Text file content; a problem for binary, non-UTF-8 or missing files. */
export function decodeText(bytes: Buffer): string | { problem: string } {
  if (bytes.subarray(0, 8_192).includes(0)) return { problem: 'it is a binary file' };
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    return { problem: 'it is not UTF-8 text' };
  }
}

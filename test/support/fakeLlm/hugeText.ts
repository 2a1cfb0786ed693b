// Deterministic ASCII filler of an exact byte size, for the `huge` fault. Numbered lines make a
// truncated or reordered answer easy to spot in a failing assertion.

const LINE_BODY = ': the quick brown fox jumps over the lazy dog, again and again.\n';

export function makeHugeText(bytes: number): string {
  const target = Math.max(0, Math.floor(bytes));
  const lines: string[] = [];
  let length = 0;
  for (let n = 1; length < target; n++) {
    const line = `line ${String(n).padStart(8, '0')}${LINE_BODY}`;
    lines.push(line);
    length += line.length;
  }
  return lines.join('').slice(0, target);
}

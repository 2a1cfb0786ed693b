/**
 * A deterministic model answer of about `bytes` bytes, shaped like real ones: headings, prose
 * with inline code and links, lists, and TypeScript blocks of varying length (code is where
 * highlighting costs).
 */
export function benchAnswer(bytes: number): string {
  const parts: string[] = [];
  let size = 0;
  for (let i = 0; size < bytes; i++) {
    const part = section(i);
    parts.push(part);
    size += part.length;
  }
  return parts.join('').slice(0, bytes);
}

function section(i: number): string {
  const lines = 6 + (i % 9);
  const code = Array.from({ length: lines }, (_, j) => `  const value${j} = items.filter((item) => item.amount > ${j * 10}).map((item) => ({ ...item, label: \`#\${item.id}\` }));`).join('\n');
  return [
    `## Step ${i + 1}: handle case ${i}`,
    '',
    `The function \`process${i}\` walks the **items** once and keeps the ones that matter; see [the docs](https://example.com/docs/${i}) for the edge cases. It returns a new array, so callers are never surprised by mutation.`,
    '',
    `- keeps the order of \`items\``,
    `- runs in O(n) for ${i + 2} passes`,
    '- never throws on empty input',
    '',
    `\`\`\`ts src/step${i}.ts`,
    `export function process${i}(items: Item[]): Item[] {`,
    code,
    '  return items;',
    '}',
    '```',
    '',
  ].join('\n');
}

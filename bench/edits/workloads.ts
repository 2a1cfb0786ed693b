// Inputs for the edit benchmarks: realistic generated source, model responses and revisions.

/** A TypeScript module of `lines` lines: many small functions, each with unique names and numbers. */
export function typescriptModule(lines: number): string {
  const out: string[] = ["import { applyDiscount, type Order } from './orders';", ''];
  for (let i = 0; out.length < lines; i++) {
    out.push(
      `export function computeOrderTotal${i}(order: Order): number {`,
      '  let total = 0;',
      '  for (const line of order.lines) {',
      `    total += line.price * line.quantity * ${(i % 7) + 1};`,
      '  }',
      `  return applyDiscount(total, order.coupon, ${i});`,
      '}',
      '',
    );
  }
  return `${out.slice(0, lines).join('\n')}\n`;
}

/**
 * A model response with `count` SEARCH/REPLACE blocks spread over the module: most copied
 * exactly, some with the trailing whitespace or indentation a model gets wrong (so the ladder's
 * lower rungs run too).
 */
export function searchReplaceResponse(path: string, moduleLines: number, count: number): string {
  const functions = Math.floor(moduleLines / 8) - 1;
  const blocks: string[] = [];
  for (let k = 0; k < count; k++) {
    const i = Math.floor(((k + 0.5) * functions) / count);
    let search = [`export function computeOrderTotal${i}(order: Order): number {`, '  let total = 0;', '  for (const line of order.lines) {', `    total += line.price * line.quantity * ${(i % 7) + 1};`];
    let replace = [`export function computeOrderTotal${i}(order: Order): number {`, '  let total = 0;', '  for (const line of order.lines) {', '    if (line.quantity <= 0) continue;', `    total += line.price * line.quantity * ${(i % 7) + 1};`];
    if (k % 10 === 8) search = search.map((line) => `${line}  `); // trailing spaces the file does not have
    if (k % 10 === 9) [search, replace] = [search.map((line) => `  ${line}`), replace.map((line) => `  ${line}`)]; // shifted
    blocks.push(`<<<<<<< SEARCH\n${search.join('\n')}\n=======\n${replace.join('\n')}\n>>>>>>> REPLACE`);
  }
  return `I'll skip empty lines in every total.\n\n${path}\n\`\`\`ts\n${blocks.join('\n')}\n\`\`\`\n`;
}

/** The module with `changes` lines changed, evenly spread (1% of a 5000-line file = 50). */
export function scatteredRevision(text: string, changes: number): string {
  const lines = text.split('\n');
  const step = Math.floor(lines.length / changes);
  for (let k = 0; k < changes; k++) lines[k * step + 3] += ' // reviewed';
  return lines.join('\n');
}

/** A file of `lines` lines sharing no line with `typescriptModule(lines)`: a complete rewrite. */
export function rewrittenModule(lines: number): string {
  return `${Array.from({ length: lines }, (_, i) => `  const rewritten${i} = compute(${i * 7}, '${'x'.repeat(i % 17)}');`).join('\n')}\n`;
}

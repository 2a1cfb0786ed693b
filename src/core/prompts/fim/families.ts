/**
 * Model families whose fill-in-the-middle format Tandem knows. Each was trained with its own
 * special tokens; sending one family's template to another shows up as garbage in the output.
 */
export const fimFamilies = ['qwen-coder', 'deepseek-coder', 'codellama', 'starcoder', 'codestral', 'codegemma'] as const;
export type FimFamily = (typeof fimFamilies)[number];

/**
 * Recognises the family from a model id as servers spell them: Ollama tags (`qwen2.5-coder:1.5b-base`),
 * Hugging Face repos (`Qwen/Qwen2.5-Coder-7B`, `bigcode/starcoder2-3b`), LM Studio and
 * OpenRouter names (`mistralai/codestral-2501`). Order matters only for overlapping names.
 */
const familyPatterns: ReadonlyArray<readonly [FimFamily, RegExp]> = [
  ['qwen-coder', /qwen[\d.]*[-_ ]?coder/i],
  ['deepseek-coder', /deepseek[-_ ]?coder/i],
  ['codellama', /code[-_ ]?llama/i],
  ['starcoder', /starcoder/i],
  ['codestral', /codestral/i],
  ['codegemma', /code[-_ ]?gemma/i],
];

export function detectFimFamily(modelId: string): FimFamily | undefined {
  for (const [family, pattern] of familyPatterns) if (pattern.test(modelId)) return family;
  return undefined;
}

import type { FimFamily } from './families';
import { snippetsAsComments } from './snippetComments';
import type { FimPromptParts, FimSnippet, FimTemplate } from './types';

// The special tokens below are the families' own, spelled exactly as their tokenizers define them
// (DeepSeek's use U+FF5C FULLWIDTH VERTICAL LINE and U+2581 LOWER ONE EIGHTH BLOCK, not `|` and `_`).

const commentedPrefix = (parts: FimPromptParts): string => snippetsAsComments(parts.snippets, parts.lineComment) + parts.prefix;
const middle = (parts: FimPromptParts): string => parts.middleStart ?? '';

/** Qwen2.5-Coder (and Qwen3-Coder): PSM order; repository context through `<|repo_name|>` / `<|file_sep|>`. */
const qwenCoder: FimTemplate = {
  family: 'qwen-coder',
  label: 'Qwen2.5-Coder',
  render(parts) {
    const fim = `<|fim_prefix|>${parts.prefix}<|fim_suffix|>${parts.suffix}<|fim_middle|>${middle(parts)}`;
    if (parts.snippets.length === 0) return fim;
    const files = parts.snippets.map((s) => `<|file_sep|>${s.path}\n${s.text}\n`).join('');
    return `<|repo_name|>${parts.repoName ?? 'workspace'}\n${files}<|file_sep|>${parts.path ?? 'untitled'}\n${fim}`;
  },
  stop: ['<|endoftext|>', '<|file_sep|>', '<|fim_prefix|>', '<|im_end|>', '<|fim_suffix|>', '<|fim_middle|>', '<|fim_pad|>', '<|repo_name|>', '<|im_start|>'],
  splitsMiddle: true,
};

/** DeepSeek-Coder (v1 and V2): begin / hole / end. */
const deepseekCoder: FimTemplate = {
  family: 'deepseek-coder',
  label: 'DeepSeek-Coder',
  render: (parts) => `<｜fim▁begin｜>${commentedPrefix(parts)}<｜fim▁hole｜>${parts.suffix}<｜fim▁end｜>${middle(parts)}`,
  stop: ['<｜end▁of▁sentence｜>', '<｜fim▁begin｜>', '<｜fim▁hole｜>', '<｜fim▁end｜>', '<|EOT|>'],
  splitsMiddle: true,
};

/** Code Llama infilling: the spaces around the sentinels are part of the trained format. */
const codeLlama: FimTemplate = {
  family: 'codellama',
  label: 'Code Llama',
  render: (parts) => `<PRE> ${commentedPrefix(parts)}${middle(parts)} <SUF>${parts.suffix} <MID>`,
  stop: ['<EOT>', '<PRE>', '<SUF>', '<MID>', '</s>'],
  // ` <MID>` is followed by a space-led answer in its training: the cursor line stays in the prefix.
  splitsMiddle: false,
};

/**
 * StarCoder / StarCoder2: `<fim_prefix>` PSM. With related files, StarCoder2's repository format:
 * files joined by `<file_sep>`, the infilled file's path right after `<fim_prefix>`.
 */
const starCoder: FimTemplate = {
  family: 'starcoder',
  label: 'StarCoder2',
  render(parts) {
    if (parts.snippets.length === 0) return `<fim_prefix>${parts.prefix}<fim_suffix>${parts.suffix}<fim_middle>${middle(parts)}`;
    const files = parts.snippets.map((s) => `<file_sep>${s.path}\n${s.text}`).join('');
    return `<repo_name>${parts.repoName ?? 'workspace'}${files}<file_sep><fim_prefix>${parts.path ?? 'untitled'}\n${parts.prefix}<fim_suffix>${parts.suffix}<fim_middle>${middle(parts)}`;
  },
  stop: ['<|endoftext|>', '<file_sep>', '<fim_prefix>', '<fim_middle>', '<fim_suffix>', '<fim_pad>', '<repo_name>'],
  splitsMiddle: true,
};

/** Codestral: SPM order (suffix first); other files as `+++++ path` sections before the prefix. */
const codestral: FimTemplate = {
  family: 'codestral',
  label: 'Codestral',
  render(parts) {
    if (parts.snippets.length === 0) return `[SUFFIX]${parts.suffix}[PREFIX]${parts.prefix}${middle(parts)}`;
    const files = parts.snippets.map((s: FimSnippet) => `+++++ ${s.path}\n${s.text}`).join('\n\n');
    return `[SUFFIX]${parts.suffix}[PREFIX]${files}\n\n+++++ ${parts.path ?? 'untitled'}\n${parts.prefix}${middle(parts)}`;
  },
  stop: ['[PREFIX]', '[SUFFIX]', '\n+++++ ', '</s>', '[MIDDLE]'],
  // Suffix first already: the prefix (with the cursor line) is last and the answer follows it.
  splitsMiddle: true,
};

/** CodeGemma: the same `<|fim_…|>` spelling as Qwen, but its own end token `<|file_separator|>`. */
const codeGemma: FimTemplate = {
  family: 'codegemma',
  label: 'CodeGemma',
  render: (parts) => `<|fim_prefix|>${commentedPrefix(parts)}<|fim_suffix|>${parts.suffix}<|fim_middle|>${middle(parts)}`,
  stop: ['<|file_separator|>', '<eos>', '<|fim_prefix|>', '<end_of_turn>', '<|fim_suffix|>', '<|fim_middle|>'],
  splitsMiddle: true,
};

export const fimTemplates: Readonly<Record<FimFamily, FimTemplate>> = {
  'qwen-coder': qwenCoder,
  'deepseek-coder': deepseekCoder,
  codellama: codeLlama,
  starcoder: starCoder,
  codestral,
  codegemma: codeGemma,
};

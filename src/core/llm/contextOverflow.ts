/** The numbers in context-overflow errors of OpenAI, vLLM, llama.cpp and LM Studio. */
export function parseContextOverflow(text: string): { limit: number; requested: number } | undefined {
  const openAi = /maximum context length is (\d+) tokens?.*?(?:resulted in|requested|you requested) (\d+) tokens?/is.exec(text);
  if (openAi) return { limit: Number(openAi[1]), requested: Number(openAi[2]) };
  const llamaCpp = /"n_prompt_tokens"\s*:\s*(\d+).*?"n_ctx"\s*:\s*(\d+)/s.exec(text) ?? undefined;
  if (llamaCpp) return { limit: Number(llamaCpp[2]), requested: Number(llamaCpp[1]) };
  const llamaCppReversed = /"n_ctx"\s*:\s*(\d+).*?"n_prompt_tokens"\s*:\s*(\d+)/s.exec(text);
  if (llamaCppReversed) return { limit: Number(llamaCppReversed[1]), requested: Number(llamaCppReversed[2]) };
  const lmStudio = /keep the first (\d+) tokens.*?context length of only (\d+) tokens/is.exec(text);
  if (lmStudio) return { limit: Number(lmStudio[2]), requested: Number(lmStudio[1]) };
  return undefined;
}

// Rules written as JSON (for `npm run fake-llm -- --script rules.json`). JSON has no RegExp, so a
// pattern is either a plain string (substring match) or {"regex": "...", "flags": "i"}. The file
// holds a list of rules, or {"rules": [...]}. Unknown keys are errors: a typo must not silently
// turn a rule into a catch-all.
import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import type { FakeRule } from './types';

const pattern = z
  .union([z.string(), z.object({ regex: z.string(), flags: z.string().optional() }).strict()])
  .transform((p, ctx) => {
    if (typeof p === 'string') return p;
    try {
      return new RegExp(p.regex, p.flags);
    } catch (error) {
      ctx.addIssue({ code: 'custom', message: `invalid regex: ${error instanceof Error ? error.message : String(error)}` });
      return z.NEVER;
    }
  });

const toolCall = z.object({ id: z.string().optional(), name: z.string(), arguments: z.string() }).strict();

const reply = z
  .object({
    text: z.string().optional(),
    toolCalls: z.array(toolCall).optional(),
    finishReason: z.enum(['stop', 'length', 'tool_calls']).optional(),
    usage: z.object({ prompt_tokens: z.number().int().nonnegative(), completion_tokens: z.number().int().nonnegative() }).strict().optional(),
  })
  .strict();

const count = z.number().int().nonnegative();

const fault = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('status'), status: z.number().int().min(100).max(599), body: z.unknown().optional(), retryAfterSeconds: z.number().nonnegative().optional() }).strict(),
  z.object({ kind: z.literal('hang') }).strict(),
  z.object({ kind: z.literal('hangAfterHeaders') }).strict(),
  z.object({ kind: z.literal('disconnect'), afterChunks: count }).strict(),
  z.object({ kind: z.literal('malformedSse'), afterChunks: count }).strict(),
  z.object({ kind: z.literal('nonJson') }).strict(),
  z.object({ kind: z.literal('huge'), bytes: count, chunkChars: z.number().int().positive().optional() }).strict(),
  z.object({ kind: z.literal('stallAfterChunks'), afterChunks: count }).strict(),
  z.object({ kind: z.literal('endless') }).strict(),
  z.object({ kind: z.literal('errorInStream'), afterChunks: count, body: z.unknown().optional() }).strict(),
  z.object({ kind: z.literal('closeWithoutReply') }).strict(),
]);

const rule = z
  .object({
    match: z
      .object({
        endpoint: z.enum(['chat', 'completions']).optional(),
        lastUser: pattern.optional(),
        prompt: pattern.optional(),
        suffix: pattern.optional(),
        model: pattern.optional(),
        turn: count.optional(),
        tools: z.boolean().optional(),
      })
      .strict()
      .optional(),
    reply: reply.optional(),
    fault: fault.optional(),
    times: count.optional(),
    ttftMs: z.number().nonnegative().optional(),
  })
  .strict();

const ruleList = z.array(rule);
const ruleFile = z.object({ rules: ruleList }).strict();

/** Parses rules from JSON text; throws one readable error naming every problem and where it is. */
export function parseRuleScript(jsonText: string, source = 'rule script'): FakeRule[] {
  let value: unknown;
  try {
    value = JSON.parse(jsonText);
  } catch (error) {
    throw new Error(`${source}: not valid JSON: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
  // Two plain schemas rather than a union: a union would hide the inner problem behind "Invalid input".
  const parsed = Array.isArray(value) ? ruleList.safeParse(value) : ruleFile.transform((file) => file.rules).safeParse(value);
  if (!parsed.success) throw new Error(`${source}: invalid rules\n${z.prettifyError(parsed.error)}`);
  return parsed.data;
}

export async function loadRuleScript(path: string): Promise<FakeRule[]> {
  return parseRuleScript(await readFile(path, 'utf8'), path);
}

import { readFile } from 'node:fs/promises';
// The namespace import, not `{ z }`: the named `z` is the whole namespace object, and bundling it keeps every locale (350 KB).
import * as z from 'zod';
import { writeFileAtomic } from '../../fs/atomicWrite';
import type { FileState } from './fileState';

const fileStateSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('missing') }),
  z.object({ kind: z.literal('file'), blob: z.string().regex(/^[0-9a-f]{64}$/), mode: z.number().int().min(0).max(0o7777), size: z.number().int().min(0) }),
  z.object({ kind: z.literal('symlink'), target: z.string() }),
  z.object({ kind: z.literal('folder') }),
]);

const stepFileSchema = z.object({
  path: z.string().min(1),
  /** What the path held before the agent first wrote it in this step. */
  before: fileStateSchema,
  /** Folders that did not exist yet, deepest first: removed again (when empty) on restore. */
  createdFolders: z.array(z.string()).default([]),
});

const stepSchema = z.object({ step: z.number().int().min(1), createdAt: z.string(), files: z.array(stepFileSchema) });

const safetySchema = z.object({
  id: z.string(),
  createdAt: z.string(),
  /** What was restored: `step N`, or the id of the snapshot that was undone. */
  restoring: z.string(),
  files: z.array(z.object({ path: z.string().min(1), before: fileStateSchema, after: fileStateSchema })),
});

const journalSchema = z.object({
  version: z.literal(1),
  steps: z.array(stepSchema),
  /** What Tandem last left in each path it wrote (agent writes and restores): anything else is the user's edit. */
  lastWritten: z.record(z.string(), fileStateSchema),
  safetySnapshots: z.array(safetySchema),
});

export type Journal = z.infer<typeof journalSchema>;
export type JournalStep = z.infer<typeof stepSchema>;
export type SafetySnapshot = z.infer<typeof safetySchema>;
export type { FileState };

export function emptyJournal(): Journal {
  return { version: 1, steps: [], lastWritten: {}, safetySnapshots: [] };
}

/** Reads the journal; a missing one is empty, a damaged one is an error that names the file. */
export async function loadJournal(file: string): Promise<Journal> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return emptyJournal();
    throw error;
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new Error(`The checkpoint journal ${file} is not valid JSON; nothing was restored. Its blobs beside it still hold every saved file.`);
  }
  const result = journalSchema.safeParse(parsed);
  if (!result.success) throw new Error(`The checkpoint journal ${file} is not one Tandem wrote (${result.error.issues[0]?.message ?? 'unexpected shape'}); nothing was restored.`);
  return result.data;
}

export async function saveJournal(file: string, journal: Journal): Promise<void> {
  await writeFileAtomic(file, `${JSON.stringify(journal)}\n`);
}

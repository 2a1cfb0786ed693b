import { readFile } from 'node:fs/promises';

/**
 * A file's text for a prompt, or why it cannot be one: a folder, a missing file, bytes that are
 * not UTF-8 text. Binary files never reach a model.
 */
export async function readTextFile(file: string): Promise<string | { problem: string }> {
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return { problem: code === 'ENOENT' ? 'the file does not exist' : code === 'EISDIR' ? 'that is a folder' : (error as Error).message };
  }
  if (bytes.includes(0)) return { problem: 'the file is binary; only text files can be sent to the model' };
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    return { problem: 'the file is not UTF-8 text' };
  }
}

import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parseMcpJson, type McpConfigSource } from './config';

/** The workspace's `.vscode/mcp.json`, if it has one; a file that cannot be read or parsed is a problem. */
export async function readWorkspaceMcpJson(root: string): Promise<{ source?: McpConfigSource; problem?: string }> {
  const file = path.join(root, '.vscode', 'mcp.json');
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return code === 'ENOENT' ? {} : { problem: `${file} cannot be read (${code ?? (error as Error).message}); its MCP servers are not loaded.` };
  }
  return parseMcpJson(text, file, 'workspace');
}

// The chat's MCP side: the servers' resources in the `#` picker (attached as context chips) and
// their prompts as `/mcp.<server>.<prompt>` commands, each argument asked for in a quick input.
// What a resource or prompt holds goes through the chat prompt's gate like any other context.
import * as vscode from 'vscode';
import type { ChatSession } from '../../core/chat/chatSession';
import type { ContextSet } from '../../core/chat/contextSet';
import type { Logger } from '../../core/logger';
import {
  collectPromptArguments, McpCatalog, promptTurn, resourceContextItem, type ArgumentAsker, type McpManager, type McpPromptInfo, type McpResourceInfo,
} from '../../core/mcp';
import type { ExtensionMessage } from '../../core/protocol';

export interface McpChatDeps {
  manager: McpManager;
  context: ContextSet;
  session: ChatSession;
  post(message: ExtensionMessage): void;
  postChips(): void;
  /** Files never read into a prompt (sensitive, ignored): a file:// resource among them is refused. */
  excluded(uri: vscode.Uri): boolean;
  logger: Logger;
}

/** The `#` picker shows at most this many resources per query. */
const maxShown = 50;

export class McpChat {
  private readonly catalog: McpCatalog;
  /** Integration tests answer the argument questions instead of a person (undefined: ask). */
  scriptedArguments: Array<string | undefined> | undefined;

  constructor(private readonly deps: McpChatDeps) {
    this.catalog = new McpCatalog(deps.manager);
  }

  /** True for `/mcp.…`: the text is an MCP prompt command, handled here rather than by the session. */
  handles(text: string): boolean {
    return /^\/mcp\.\S/i.test(text.trim());
  }

  async searchResources(requestId: number, query: string): Promise<void> {
    const { items, problems } = await this.catalog.resources();
    this.logProblems(problems);
    const needle = query.toLowerCase();
    const matching = items.filter((r) => [r.name, r.title ?? '', r.uri, r.server].some((field) => field.toLowerCase().includes(needle)))
      // What the page's message schema cannot carry (a server name or URI of absurd length) is left out, not the whole list.
      .filter((r) => r.server.length <= 200 && r.uri.length <= 8_192);
    this.deps.post({
      type: 'mcpResourceResults', requestId,
      items: matching.slice(0, maxShown).map((r) => ({ server: r.server, uri: r.uri, name: (r.title ?? r.name).slice(0, 2_000), description: describeResource(r) })),
    });
  }

  async addResource(server: string, uri: string): Promise<void> {
    const refusal = this.refusal(uri);
    if (refusal) {
      void vscode.window.showWarningMessage(`Tandem: ${refusal}`);
      return;
    }
    try {
      const result = await this.catalog.readResource(server, uri);
      const listed = (await this.catalog.resources()).items.find((r) => r.server === server && r.uri === uri);
      this.deps.context.put(resourceContextItem(server, uri, listed?.name, result, (text) => this.deps.manager.redact(text)));
      this.deps.postChips();
    } catch (error) {
      void vscode.window.showWarningMessage(`Tandem: ${(error as Error).message}`);
    }
  }

  async postPrompts(): Promise<void> {
    const { items, problems } = await this.catalog.prompts();
    this.logProblems(problems);
    this.deps.post({ type: 'mcpPrompts', commands: items.map((p) => ({ name: p.command, description: describePrompt(p).slice(0, 2_000) })) });
  }

  /** `/mcp.<server>.<prompt> [words]`: asks for the arguments, then sends the prompt's messages as the turn. */
  async runPrompt(input: string, editing: boolean): Promise<void> {
    if (this.deps.session.busy) return;
    const match = /^\/(\S+)(?:\s+([\s\S]*))?$/.exec(input.trim());
    const command = match?.[1] ?? '';
    const rest = (match?.[2] ?? '').trim();
    const { items: prompts, problems } = await this.catalog.prompts();
    this.logProblems(problems);
    const prompt = prompts.find((p) => p.command.toLowerCase() === command.toLowerCase());
    if (!prompt) {
      const known = prompts.map((p) => `\`/${p.command}\``).join(', ');
      this.deps.session.notice(`There is no MCP prompt \`/${command}\`. ${known ? `The servers offer: ${known}.` : 'No ready MCP server offers prompts (see the MCP Servers view).'}`);
      return;
    }
    const collected = await collectPromptArguments(prompt, this.asker(prompt));
    if ('cancelled' in collected) {
      this.deps.session.notice(collected.cancelled);
      return;
    }
    let turn;
    try {
      turn = promptTurn(prompt, await this.catalog.getPrompt(prompt, collected.values), rest, (text) => this.deps.manager.redact(text));
    } catch (error) {
      this.deps.session.notice(`/${prompt.command} was not sent: ${(error as Error).message}`);
      return;
    }
    for (const { uri, item } of turn.resources) {
      const refusal = this.refusal(uri);
      if (refusal) this.deps.session.notice(`${refusal} (embedded in /${prompt.command})`);
      else this.deps.context.put(item);
    }
    this.deps.postChips();
    await this.deps.session.sendExpanded(prompt.command, turn.text, editing);
  }

  private asker(prompt: McpPromptInfo): ArgumentAsker {
    return async (argument, index, total) => {
      if (this.scriptedArguments) return this.scriptedArguments.shift();
      return await vscode.window.showInputBox({
        title: `/${prompt.command}: ${argument.name}${total > 1 ? ` (${index + 1} of ${total})` : ''}`,
        prompt: argument.description ?? `A value for "${argument.name}"`,
        placeHolder: argument.required ? 'Required' : 'Optional: leave empty to skip',
        ignoreFocusOut: true,
        validateInput: (value) => (argument.required && !value.trim() ? `"${argument.name}" is required` : undefined),
      });
    };
  }

  /** A file:// resource Tandem would not read from the workspace is not read from a server either. */
  private refusal(uri: string): string | undefined {
    if (!/^file:/i.test(uri)) return undefined;
    let parsed: vscode.Uri;
    try {
      parsed = vscode.Uri.parse(uri, true);
    } catch {
      return `${uri} is not a valid file URI, so it was not attached.`;
    }
    return this.deps.excluded(parsed) ? `${vscode.workspace.asRelativePath(parsed)} is excluded (a sensitive file, .gitignore or tandem.ignore), so it was not attached.` : undefined;
  }

  private logProblems(problems: readonly string[]): void {
    for (const problem of problems) this.deps.logger.warn(`chat: MCP ${problem}`);
  }
}

function describeResource(resource: McpResourceInfo): string {
  return [`MCP ${resource.server}`, resource.description ?? resource.uri, resource.mimeType].filter(Boolean).join(' · ').slice(0, 4_000);
}

function describePrompt(prompt: McpPromptInfo): string {
  const args = prompt.arguments.map((a) => (a.required ? a.name : `[${a.name}]`)).join(' ');
  return `MCP ${prompt.server}: ${prompt.title ?? prompt.description ?? prompt.name}${args ? ` (asks for ${args})` : ''}`;
}

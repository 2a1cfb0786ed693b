import { createInterface } from 'node:readline/promises';
import { parseArgs } from 'node:util';
import { formatMetrics, isLlmError } from '../core/llm';
import { cliLogger, createCliClient, describeCliFailure, globalOptionsHelp, resolveSetup, splitGlobalOptions, UsageError, type CliSetup } from './cliSetup';
import { agentUsage, runAgentCommand } from './commands/agent';
import { runApply } from './commands/apply';
import { completeUsage, runComplete } from './commands/complete';
import { runEdit } from './commands/edit';
import { runMcpFromCli } from './commands/mcpCli';
import { reviewUsage, runReview } from './commands/review';
import { runTests, terminalConfirm } from './commands/tests';
import { describeArgsError } from './commandLineWording';

const usage = `tandem — Tandem's engine, headless

Usage:
  tandem models                      list the models the server offers (tandem models --help)
  tandem chat <prompt...>            stream a chat answer to stdout (tandem chat --help)
  tandem complete --prefix <text> [--suffix <text>] [--language ID] [--file PATH] [--json]
                                     the editor's inline completion at the cursor, printed
                                     (tandem complete --help)
  tandem apply <response-file|-> [--file PATH] [--dry-run] [--json]
                                     apply the edits in a model response (tandem apply --help)
  tandem edit <file> "<instruction>" [--range L1-L2] [--yes] [--json]
                                     rewrite a file or some of its lines; prints the diff,
                                     writes only with --yes (tandem edit --help)
  tandem agent "<task>" [--auto-edit] [--allow PATTERN]... [--max-steps N] [--json]
                                     work on a task: read, edit, run commands and tests until done
                                     (tandem agent --help; --continue, --checkpoints, --restore)
  tandem mcp list [--json] | call <server> <tool> '<json>'
                                     the project's MCP servers: status and tools, or call one
                                     (tandem mcp --help)
  tandem context <file> --line L --col C [--budget TOKENS] [--question "..."] [--json]
                                     the context Tandem would send for a completion (or a chat
                                     question) at that position; --batch FILE for many
                                     (tandem context --help)
  tandem tests <file> [--run] [--fix N] [--yes] [--command CMD] [--json]
                                     write unit tests for a file, run them, fix failures;
                                     exit code = the test result (tandem tests --help)
  tandem review [--staged | --base REF] [--min-severity LEVEL] [--json | --sarif FILE]
                                     review the git changes; findings as path:line: lines,
                                     exit 1 on a finding at or above LEVEL (tandem review --help)

${globalOptionsHelp}

  -h, --help          show this help (after a command: that command's help)

Exit codes: 0 success, 1 the model server failed (message on stderr), 2 bad usage,
130 interrupted. edit and tests have their own (see their --help).`;

const modelsUsage = `Usage: tandem models [global options]

Lists the ids of the models the server offers (GET /models), one a line: the names --model and
tandem.providers.<id>.models accept.

${globalOptionsHelp}

Exit codes: 0 listed, 1 the server failed (message on stderr), 2 bad usage.`;

const chatUsage = `Usage: tandem chat <prompt...> [global options]

Sends the prompt (the words after "chat", joined by spaces) as one user message to the chat
model and streams the answer to standard output. Nothing from the project is sent.

${globalOptionsHelp}

Exit codes: 0 answered, 1 the server failed (message on stderr), 2 bad usage, 130 interrupted.`;

const commandUsage: Record<string, string> = { models: modelsUsage, chat: chatUsage, complete: completeUsage, review: reviewUsage };

async function main(argv: string[]): Promise<number> {
  let split: ReturnType<typeof splitGlobalOptions>;
  try {
    split = splitGlobalOptions(argv);
  } catch (error) {
    return usageError((error as Error).message, usage);
  }
  const { globals, rest } = split;
  const [command, ...args] = rest;
  if (command === undefined || command === '-h' || command === '--help') {
    console.log(usage);
    return command === undefined ? 2 : 0;
  }
  const io = { cwd: process.cwd(), stdout: (t: string) => process.stdout.write(t), stderr: (t: string) => process.stderr.write(t) };
  // `apply` needs no model server: only the project folder applies to it.
  if (command === 'apply') return runApply([...args, ...(globals.cwd !== undefined ? ['--cwd', globals.cwd] : [])], { ...io, readStdin });
  // `context` needs no model server either: the workspace index only.
  if (command === 'context') return (await import('./commands/context')).runContext([...args, ...(globals.cwd !== undefined ? ['--cwd', globals.cwd] : []), ...(globals.settings !== undefined ? ['--settings', globals.settings] : [])], { ...io, readStdin, env: process.env });
  if (command !== 'edit' && command !== 'tests' && command !== 'agent' && command !== 'mcp' && !commandUsage[command]) return usageError(`unknown command '${command}'`, usage);

  const abort = new AbortController();
  process.once('SIGINT', () => abort.abort());
  // `mcp` needs no model server either, only the project's settings.
  if (command === 'mcp') return runMcpFromCli(args, globals, { ...io, env: process.env, signal: abort.signal, ask: process.stdin.isTTY ? terminalQuestion(abort) : undefined });
  const ownHelp = commandUsage[command];
  if (ownHelp && args.some((a) => a === '--help' || a === '-h')) {
    console.log(ownHelp);
    return 0;
  }
  if (command === 'agent') {
    // The task's folder may come from a saved task (--continue), so the setup is resolved for it there.
    const agentIo = { ...io, env: process.env, signal: abort.signal, ...(process.stdin.isTTY ? { ask: terminalQuestion(abort) } : {}) };
    const setupFor = (root: string): CliSetup => resolveSetup({ ...globals, cwd: root }, process.env, process.cwd());
    try {
      return await runAgentCommand([...args, ...(globals.cwd !== undefined ? ['--cwd', globals.cwd] : [])], agentIo, setupFor);
    } catch (error) {
      if (error instanceof UsageError) return usageError(error.message, agentUsage);
      throw error;
    }
  }
  let setup: CliSetup;
  try {
    setup = resolveSetup(globals, process.env, process.cwd());
  } catch (error) {
    if (error instanceof UsageError) return usageError(error.message, ownHelp ?? usage);
    throw error;
  }
  for (const warning of setup.warnings) console.error(`tandem: ${warning}`);
  const commandIo = { ...io, env: process.env, signal: abort.signal };
  if (command === 'edit') return runEdit(args, commandIo, setup);
  if (command === 'tests') return runTests(args, { ...commandIo, confirm: terminalConfirm() }, setup);
  if (command === 'complete') return runComplete(args, commandIo, setup);
  if (command === 'review') return runReview(args, commandIo, setup);
  try {
    return await runServerCommand(command, args, setup, abort.signal);
  } catch (error) {
    if (isLlmError(error, 'cancelled')) return 130;
    if (!isLlmError(error)) throw error;
    console.error(`tandem: ${describeCliFailure(error, setup)}`);
    return 1;
  }
}

/** models and chat: one request each, straight to the client. */
async function runServerCommand(command: string, args: string[], setup: CliSetup, signal: AbortSignal): Promise<number> {
  const help = commandUsage[command]!;
  let positionals: string[];
  try {
    ({ positionals } = parseArgs({ args, options: {}, allowPositionals: command === 'chat', strict: true }));
  } catch (error) {
    return usageError(describeArgsError(error, command), help);
  }
  const client = createCliClient(setup, cliLogger(setup, (t) => process.stderr.write(t)));
  switch (command) {
    case 'models': {
      for (const id of await client.listModels({ signal })) console.log(id);
      return 0;
    }
    case 'chat': {
      const prompt = positionals.join(' ').trim();
      if (!prompt) return usageError('tandem chat needs a prompt', help);
      for await (const event of client.streamChat({ messages: [{ role: 'user', content: prompt }], signal })) {
        if (event.type === 'text') process.stdout.write(event.text);
        if (event.type === 'done') {
          process.stdout.write('\n');
          if (event.result.finishReason === 'length') console.error('tandem: the answer was cut off at its output token limit.');
          if (setup.verbose) console.error(formatMetrics(event.result.metrics));
        }
      }
      return 0;
    }
    default:
      return usageError(`unknown command '${command}'`, usage);
  }
}

/** A question on the terminal; Ctrl+C while it waits cancels the task. */
function terminalQuestion(abort: AbortController): (question: string) => Promise<string | undefined> {
  return async (question) => {
    const rl = createInterface({ input: process.stdin, output: process.stderr });
    rl.on('SIGINT', () => abort.abort());
    try {
      return await rl.question(question, { signal: abort.signal });
    } catch {
      return undefined;
    } finally {
      rl.close();
    }
  };
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

function usageError(message: string, help: string): number {
  console.error(`tandem: ${message}\n\n${help}`);
  return 2;
}

main(process.argv.slice(2)).then(
  (code) => { process.exitCode = code; },
  (error: unknown) => {
    if (isLlmError(error, 'cancelled')) process.exitCode = 130;
    else {
      console.error(`tandem: ${describeCliFailure(error, undefined)}`);
      process.exitCode = isLlmError(error) ? 1 : 2;
    }
  },
);

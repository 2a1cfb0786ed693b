import { createInterface } from 'node:readline/promises';
import { parseArgs } from 'node:util';
import { readConfig } from '../core/config';
import { formatMetrics, isLlmError, LlmClient } from '../core/llm';
import type { Logger } from '../core/logger';
import { redactingLogger } from '../core/logger';
import { runAgentCommand } from './commands/agent';
import { runApply } from './commands/apply';
import { runEdit } from './commands/edit';
import { runTests, terminalConfirm } from './commands/tests';
import { forCommandLine } from './commandLineWording';
import { readSettingsFile } from './settingsFile';

const usage = `tandem — Tandem's engine, headless

Usage:
  tandem models                      list the models the configured server offers
  tandem chat <prompt...>            stream a chat answer to stdout
  tandem complete --prefix <text> [--suffix <text>]
                                     fill in the middle (FIM) and print the completion
  tandem apply <response-file|-> [--cwd DIR] [--file PATH] [--dry-run] [--json]
                                     apply the edits in a model response (tandem apply --help)
  tandem edit <file> "<instruction>" [--range L1-L2] [--yes] [--cwd DIR] [--json]
                                     rewrite a file or some of its lines; prints the diff,
                                     writes only with --yes (tandem edit --help)
  tandem agent "<task>" [--cwd DIR] [--auto-edit] [--allow PATTERN]... [--max-steps N] [--json]
                                     work on a task: read, edit, run commands and tests until done
                                     (tandem agent --help; --continue, --checkpoints, --restore)
  tandem tests <file> [--run] [--fix N] [--yes] [--cwd DIR] [--command CMD] [--json]
                                     write unit tests for a file, run them, fix failures;
                                     exit code = the test result (tandem tests --help)

Options:
  --settings <file>   settings JSON with tandem.* keys (default: ./.vscode/settings.json)
  --provider <id>     override tandem.provider
  --model <id>        override the model for this command
  --verbose           log requests and timings to stderr
  -h, --help          show this help

The API key, for servers that need one, comes from the TANDEM_API_KEY environment variable.
Exit codes: 0 success, 1 the model server failed (message on stderr), 2 bad usage.`;

const options = {
  settings: { type: 'string' }, provider: { type: 'string' }, model: { type: 'string' },
  prefix: { type: 'string' }, suffix: { type: 'string' }, verbose: { type: 'boolean' }, help: { type: 'boolean', short: 'h' },
} as const;

async function main(argv: string[]): Promise<number> {
  // `apply` needs no model server and has options of its own: it gets the arguments after its name.
  if (parseArgs({ args: argv, allowPositionals: true, strict: false, options }).positionals[0] === 'apply') {
    const io = { cwd: process.cwd(), stdout: (t: string) => process.stdout.write(t), stderr: (t: string) => process.stderr.write(t), readStdin };
    return runApply(argv.slice(argv.indexOf('apply') + 1), io);
  }
  // `edit` has options of its own too; it reads the global ones (--settings, --model, ...) itself.
  if (parseArgs({ args: argv, allowPositionals: true, strict: false, options }).positionals[0] === 'edit') {
    const abort = new AbortController();
    process.once('SIGINT', () => abort.abort());
    const io = { cwd: process.cwd(), stdout: (t: string) => process.stdout.write(t), stderr: (t: string) => process.stderr.write(t), env: process.env, signal: abort.signal };
    return runEdit(argv.filter((_, i) => i !== argv.indexOf('edit')), io);
  }
  if (parseArgs({ args: argv, allowPositionals: true, strict: false, options }).positionals[0] === 'tests') {
    const abort = new AbortController();
    process.once('SIGINT', () => abort.abort());
    const io = { cwd: process.cwd(), stdout: (t: string) => process.stdout.write(t), stderr: (t: string) => process.stderr.write(t), env: process.env, signal: abort.signal, confirm: terminalConfirm() };
    return runTests(argv.filter((_, i) => i !== argv.indexOf('tests')), io);
  }
  // `agent` has options of its own; it reads the global ones itself too.
  if (parseArgs({ args: argv, allowPositionals: true, strict: false, options }).positionals[0] === 'agent') {
    const abort = new AbortController();
    process.once('SIGINT', () => abort.abort());
    const io = { cwd: process.cwd(), stdout: (t: string) => process.stdout.write(t), stderr: (t: string) => process.stderr.write(t), env: process.env, signal: abort.signal, ...(process.stdin.isTTY ? { ask: terminalQuestion(abort) } : {}) };
    return runAgentCommand(argv.filter((_, i) => i !== argv.indexOf('agent')), io);
  }
  const { values, positionals } = parseArgs({ args: argv, allowPositionals: true, options });
  const [command, ...rest] = positionals;
  if (values.help || !command) {
    console.log(usage);
    return values.help ? 0 : 2;
  }
  const file = readSettingsFile(values.settings, process.cwd());
  if (file.error) console.error(`tandem: ${file.error}`);
  const { config, problems } = readConfig((key) => (key === 'provider' && values.provider ? values.provider : file.read(key)));
  for (const problem of problems) console.error(`tandem: ${forCommandLine(problem.message)}`);
  const apiKey = process.env.TANDEM_API_KEY || undefined;
  const logger = redactingLogger(stderrLogger(values.verbose === true), () => (apiKey ? [apiKey] : []));
  const client = new LlmClient({ provider: config.provider, apiKey, timeouts: config.timeouts, maxRetries: config.maxRetries, logger, userAgent: 'Tandem-CLI' });
  const abort = new AbortController();
  process.once('SIGINT', () => abort.abort());

  switch (command) {
    case 'models': {
      for (const id of await client.listModels({ signal: abort.signal })) console.log(id);
      return 0;
    }
    case 'chat': {
      const prompt = rest.join(' ').trim();
      if (!prompt) return usageError('tandem chat needs a prompt');
      for await (const event of client.streamChat({ messages: [{ role: 'user', content: prompt }], model: values.model, signal: abort.signal })) {
        if (event.type === 'text') process.stdout.write(event.text);
        if (event.type === 'done') {
          process.stdout.write('\n');
          if (values.verbose) console.error(formatMetrics(event.result.metrics));
        }
      }
      return 0;
    }
    case 'complete': {
      if (values.prefix === undefined) return usageError('tandem complete needs --prefix');
      const result = await client.complete({ prompt: values.prefix, suffix: values.suffix, model: values.model, maxTokens: 256, signal: abort.signal });
      process.stdout.write(result.text);
      if (values.verbose) console.error(`\n${formatMetrics(result.metrics)}`);
      return 0;
    }
    default:
      return usageError(`unknown command '${command}'`);
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

function usageError(message: string): number {
  console.error(`tandem: ${message}\n\n${usage}`);
  return 2;
}

function stderrLogger(verbose: boolean): Logger {
  const write = (level: string) => (message: string) => {
    if (verbose || level === 'error') console.error(`[${level}] ${message}`);
  };
  return { trace: write('trace'), debug: write('debug'), info: write('info'), warn: write('warn'), error: write('error') };
}

main(process.argv.slice(2)).then(
  (code) => { process.exitCode = code; },
  (error: unknown) => {
    if (isLlmError(error, 'cancelled')) process.exitCode = 130;
    else {
      console.error(`tandem: ${forCommandLine(isLlmError(error) ? error.message : error instanceof Error ? error.message : String(error))}`);
      process.exitCode = isLlmError(error) ? 1 : 2;
    }
  },
);

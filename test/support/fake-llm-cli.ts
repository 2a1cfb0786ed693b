// `npm run fake-llm -- [flags]`: the fake model server as a standalone process, for the demo,
// benchmarks and trying Tandem by hand. Prints one line, `fake-llm listening on <baseUrl>`, once
// it accepts connections; shuts down cleanly on SIGINT/SIGTERM.
import { parseArgs } from 'node:util';
import type { FakeRule, FakeServerOptions } from './fakeLlm';
import { FakeLlmServer, demoRules, isQuirkProfile, loadRuleScript, QUIRK_PROFILES } from './fakeLlm';

const DEFAULT_PORT = 11435;

const USAGE = `Usage: npm run fake-llm -- [options]
  --port N             port to listen on (default ${DEFAULT_PORT}; 0 = any free port)
  --host ADDR          address to listen on (default 127.0.0.1)
  --demo               load the demo script (friendly scripted answers)
  --script FILE        load rules from a JSON file (tried before the demo rules)
  --ttft-ms N          delay before the first byte of each answer
  --tps N              tokens per second when streaming (default: as fast as possible)
  --chunk-size N       characters per streamed delta (default 4)
  --quirks NAME        behave like ${QUIRK_PROFILES.join('|')} (default openai)
  --models A,B         model ids to serve (default fake-chat,fake-coder)
  --require-api-key K  answer 401 unless the request carries this key
  --help               show this help`;

function numberFlag(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const parsed = Number(value);
  if (!Number.isFinite(parsed) || parsed < 0) throw new Error(`--${name} expects a non-negative number, got "${value}"`);
  return parsed;
}

async function optionsFromArgs(argv: string[]): Promise<FakeServerOptions | undefined> {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    options: {
      port: { type: 'string' },
      host: { type: 'string' },
      demo: { type: 'boolean' },
      script: { type: 'string' },
      'ttft-ms': { type: 'string' },
      tps: { type: 'string' },
      'chunk-size': { type: 'string' },
      quirks: { type: 'string' },
      models: { type: 'string' },
      'require-api-key': { type: 'string' },
      help: { type: 'boolean' },
    },
  });
  if (values.help === true) return undefined;
  if (values.quirks !== undefined && !isQuirkProfile(values.quirks)) {
    throw new Error(`--quirks must be one of ${QUIRK_PROFILES.join(', ')}, got "${values.quirks}"`);
  }
  const rules: FakeRule[] = [...(values.script !== undefined ? await loadRuleScript(values.script) : []), ...(values.demo === true ? demoRules : [])];
  const ttftMs = numberFlag('ttft-ms', values['ttft-ms']);
  const tokensPerSecond = numberFlag('tps', values.tps);
  const chunkSize = numberFlag('chunk-size', values['chunk-size']);
  const models = values.models?.split(',').map((m) => m.trim()).filter((m) => m !== '');
  return {
    host: values.host ?? '127.0.0.1',
    port: numberFlag('port', values.port) ?? DEFAULT_PORT,
    rules,
    ...(ttftMs !== undefined ? { ttftMs } : {}),
    ...(tokensPerSecond !== undefined ? { tokensPerSecond } : {}),
    ...(chunkSize !== undefined ? { chunkSize } : {}),
    ...(values.quirks !== undefined && isQuirkProfile(values.quirks) ? { quirks: values.quirks } : {}),
    ...(models !== undefined && models.length > 0 ? { models } : {}),
    ...(values['require-api-key'] !== undefined ? { requireApiKey: values['require-api-key'] } : {}),
  };
}

/** A mistake in the command line: worth showing the usage with. */
class UsageError extends Error {}

async function main(): Promise<void> {
  const options = await optionsFromArgs(process.argv.slice(2)).catch((error: unknown) => {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  });
  if (options === undefined) {
    console.log(USAGE);
    return;
  }
  const server = await FakeLlmServer.start(options);
  console.log(`fake-llm listening on ${server.baseUrl}`);

  let stopping = false;
  const stop = (signal: NodeJS.Signals): void => {
    if (stopping) return;
    stopping = true;
    console.error(`fake-llm: ${signal}, shutting down`);
    // Closing destroys open connections, so nothing should hold the process; the timer is a backstop.
    setTimeout(() => process.exit(1), 3000).unref();
    void server.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(`fake-llm: ${error instanceof Error ? error.message : String(error)}`);
  if (error instanceof UsageError) console.error(USAGE);
  process.exit(2);
});

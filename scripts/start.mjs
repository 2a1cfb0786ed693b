// `npm start`: try Tandem in VS Code (1.139, as code-server) from your browser, as users get it.
//
//   npm start                    Tandem on the model server you configure (tandem.provider)
//   npm start -- --demo          Tandem on the scripted demo model (the fake server), no setup
//   npm start -- --port 8080     a fixed port instead of a free one
//
// Builds and packages the extension (.vsix), installs the host if needed (first time: about
// 90 s), installs the .vsix into the session's fresh extensions folder, opens a fresh git copy of
// the sample project in a scratch folder (removed at the end) and prints the URL to open. Settings
// live in .vscode-host/start/ (or start-demo/) and survive restarts. Ctrl+C stops everything.
import path from 'node:path';
import { parseArgs } from 'node:util';
import { cleanupOnSignals, onCleanup, runCleanup, wasInterrupted } from './vscode-host/cleanup.mjs';
import { REPO_ROOT, START_DEMO_PROFILE_DIR, START_PROFILE_DIR } from './vscode-host/paths.mjs';
import { startUserSession } from './vscode-host/user-session.mjs';

const { values: options } = parseArgs({ options: { demo: { type: 'boolean', default: false }, port: { type: 'string' }, verbose: { type: 'boolean', default: false } } });
const port = options.port === undefined ? 0 : Number(options.port);
if (!Number.isInteger(port) || port < 0 || port > 65_535) {
  console.error(`--port takes a port number, got "${options.port}"`);
  process.exit(2);
}

async function main() {
  cleanupOnSignals('Stopping Tandem ...');
  const session = await startUserSession({
    profileDir: options.demo ? START_DEMO_PROFILE_DIR : START_PROFILE_DIR,
    demo: options.demo,
    port,
    onStep: (step) => console.log(step),
    // The demo model's lines show what Tandem asks for; code-server's are noise unless --verbose.
    onLog: (line) => { if (options.verbose || line.startsWith('[fake-llm]')) console.log(line); },
  });
  onCleanup(() => session.stop());

  const modelLine = session.modelUrl
    ? `Model: scripted demo model at ${session.modelUrl} (tandem.provider = "demo")`
    : 'Model: your configured provider (tandem.provider; default: Ollama at http://localhost:11434/v1). The demo model is NOT running (use --demo)';
  console.log([
    '',
    'Tandem is running in VS Code (code-server). Open this URL in your browser:',
    '',
    `  ${session.url}`,
    '',
    modelLine,
    `Project: ${session.project} (a fresh git copy of the sample, removed when you stop)`,
    `Settings: ${path.relative(REPO_ROOT, session.settingsFile)}`,
    'Tandem is installed from its .vsix: after changing the code, stop and run `npm start` again.',
    'Press Ctrl+C to stop.',
  ].join('\n'));

  const how = await session.exited;
  if (!wasInterrupted()) throw new Error(`code-server stopped unexpectedly (${how})`);
}

main().catch(async (error) => {
  if (wasInterrupted()) return; // Ctrl+C broke a step midway; the signal handler is already stopping.
  console.error(`\nnpm start failed: ${error instanceof Error ? error.message : error}`);
  await runCleanup();
  process.exit(1);
});

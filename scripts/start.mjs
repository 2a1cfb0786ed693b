// `npm start`: try Tandem in VS Code (1.139, as code-server) from your browser.
//
//   npm start                    Tandem on the model server you configure (tandem.provider)
//   npm start -- --demo          Tandem on the scripted demo model (the fake server), no setup
//   npm start -- --port 8080     a fixed port instead of a free one
//
// Builds the extension, installs the host if needed (first time: about 90 s), opens a copy of the
// sample project with Tandem loaded from this checkout, and prints the URL to open. Settings live
// in .vscode-host/start/ (or start-demo/) and survive restarts. Ctrl+C stops everything.
import { cpSync, existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { installVscodeHost } from './install-vscode-host.mjs';
import { cleanupOnSignals, onCleanup, runCleanup, wasInterrupted } from './vscode-host/cleanup.mjs';
import { startCodeServer } from './vscode-host/code-server.mjs';
import { startFakeLlm } from './vscode-host/fake-llm.mjs';
import { runCommand } from './vscode-host/run-command.mjs';
import {
  REPO_ROOT, SAMPLE_FIXTURE, SAMPLE_PROJECT_COPY, START_DEMO_PROFILE_DIR, START_PROFILE_DIR,
} from './vscode-host/paths.mjs';
import { openProfile } from './vscode-host/profile.mjs';
import { settingsFile, updateUserSettings, writeUserSettings } from './vscode-host/user-settings.mjs';
import { workbenchUrl } from './vscode-host/workbench-url.mjs';

const { values: options } = parseArgs({ options: { demo: { type: 'boolean', default: false }, port: { type: 'string' } } });
const port = options.port === undefined ? 0 : Number(options.port);
if (!Number.isInteger(port) || port < 0 || port > 65_535) {
  console.error(`--port takes a port number, got "${options.port}"`);
  process.exit(2);
}

/** The demo provider: the fake server's scripted answers for chat, edits and completions. */
function demoSettings(baseUrl) {
  return {
    'tandem.provider': 'demo',
    'tandem.providers': {
      demo: {
        kind: 'openai-compatible',
        baseUrl,
        models: { chat: 'fake-chat', edit: 'fake-chat', completion: 'fake-coder' },
      },
    },
  };
}

/** What tandem.provider says in a persistent profile, for the banner (undefined: not set or unreadable). */
function configuredProvider(userDataDir) {
  try {
    const value = JSON.parse(readFileSync(settingsFile(userDataDir), 'utf8'))['tandem.provider'];
    return typeof value === 'string' ? value : undefined;
  } catch {
    return undefined;
  }
}

async function main() {
  cleanupOnSignals('Stopping Tandem ...');

  console.log('Building the extension ...');
  const build = await runCommand(process.execPath, ['esbuild.config.mjs'], { cwd: REPO_ROOT });
  if (build.code !== 0) throw new Error('the build failed (see above)');
  await installVscodeHost();

  // The sample project is copied once, so what you change in it stays between sessions.
  if (!existsSync(SAMPLE_PROJECT_COPY)) cpSync(SAMPLE_FIXTURE, SAMPLE_PROJECT_COPY, { recursive: true });

  const profile = openProfile(options.demo ? START_DEMO_PROFILE_DIR : START_PROFILE_DIR);
  let modelLine;
  if (options.demo) {
    const fake = await startFakeLlm({ onLog: (line) => console.log(`[fake-llm] ${line}`) });
    onCleanup(() => fake.stop());
    fake.exited.then((how) => {
      if (!wasInterrupted()) console.log(`[fake-llm] exited (${how}); the demo model is no longer answering`);
    });
    // Its port changes every run, so the demo profile's provider settings are rewritten each time.
    updateUserSettings(profile.userDataDir, demoSettings(fake.baseUrl));
    modelLine = `Model: scripted demo model at ${fake.baseUrl} (tandem.provider = "demo")`;
  } else {
    if (!existsSync(settingsFile(profile.userDataDir))) writeUserSettings(profile.userDataDir, {});
    const provider = configuredProvider(profile.userDataDir);
    modelLine = `Model: your configured provider (tandem.provider${provider ? ` = "${provider}"` : ', default: Ollama at http://localhost:11434/v1'}) — the demo model is NOT running`;
  }

  const server = await startCodeServer({ profile, port });
  onCleanup(() => server.stop());
  const url = workbenchUrl({ serverUrl: server.url, folder: SAMPLE_PROJECT_COPY, extensionDevelopmentPath: REPO_ROOT });

  console.log([
    '',
    'Tandem is running in VS Code (code-server). Open this URL in your browser:',
    '',
    `  ${url}`,
    '',
    modelLine,
    `Project: ${path.relative(REPO_ROOT, SAMPLE_PROJECT_COPY)}   Settings: ${path.relative(REPO_ROOT, settingsFile(profile.userDataDir))}`,
    'After `npm run watch` rebuilds, run "Developer: Reload Window" to load the new code.',
    'Press Ctrl+C to stop.',
  ].join('\n'));

  const how = await server.exited;
  if (!wasInterrupted()) throw new Error(`code-server stopped unexpectedly (${how})`);
}

main().catch(async (error) => {
  if (wasInterrupted()) return; // Ctrl+C broke a step midway; the signal handler is already stopping.
  console.error(`\nnpm start failed: ${error instanceof Error ? error.message : error}`);
  await runCleanup();
  process.exit(1);
});

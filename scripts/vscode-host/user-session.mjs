// A VS Code session for a person (`npm start`): Tandem packaged as the .vsix users install,
// installed into the session's fresh extensions folder, code-server started WITHOUT the smoke-test
// driver (which drops every notification toast) and without a test payload, on a fresh git copy
// of the sample project. The e2e suite starts the same session to prove toasts are visible.
import { mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { packageVsix } from '../package.mjs';
import { installVscodeHost } from '../install-vscode-host.mjs';
import { installExtension, startCodeServer } from './code-server.mjs';
import { startFakeLlm } from './fake-llm.mjs';
import { NODE_BIN_DIR } from './paths.mjs';
import { openProfile } from './profile.mjs';
import { createSampleProject } from './sample-project.mjs';
import { QUIET_WORKBENCH_SETTINGS, updateUserSettings } from './user-settings.mjs';

/**
 * The host's own AI features compete with Tandem for the same keys, menus and panels, and end in
 * a "Sign in to use GitHub Copilot" dialog: a session made to try Tandem hides them.
 */
export const HOST_AI_OFF_SETTINGS = {
  'chat.disableAIFeatures': true,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  // Tandem's chat in front when the window opens.
  'tandem.chat.revealOnStartup': true,
};

/** The demo provider: the fake server's scripted answers for chat, edits and completions. */
export function demoSettings(baseUrl) {
  return {
    'tandem.provider': 'demo',
    'tandem.providers': {
      demo: { kind: 'openai-compatible', label: 'Demo model', baseUrl, models: { chat: 'fake-chat', edit: 'fake-chat', completion: 'fake-coder' } },
    },
  };
}

/**
 * @typedef {object} UserSession
 * @property {string} url          the workbench with the sample project open
 * @property {string} project      the sample project's folder
 * @property {string | undefined} modelUrl  the demo model's base URL (demo sessions only)
 * @property {string} settingsFile
 * @property {Promise<string>} exited  settles when code-server exits
 * @property {() => Promise<void>} stop  stops everything and removes the sample project
 */

/**
 * @param {object} options
 * @param {string} options.profileDir   persistent (npm start) or temporary (tests) profile folder
 * @param {boolean} [options.demo]      run the scripted demo model and point Tandem at it
 * @param {number} [options.port]
 * @param {boolean} [options.build]     false: pack dist/ as built (tests); default: production build
 * @param {string} [options.scratchDir] where the sample project's scratch folder goes (default: OS temp)
 * @param {(line: string) => void} [options.onLog]  code-server's and the demo model's output
 * @param {(step: string) => void} [options.onStep] progress, for a person waiting
 * @returns {Promise<UserSession>}
 */
export async function startUserSession({ profileDir, demo = false, port = 0, build = true, scratchDir, onLog = () => {}, onStep = () => {} }) {
  const stops = [];
  const stop = async () => {
    for (const step of stops.reverse().splice(0)) await step().catch(() => {});
  };
  try {
    onStep(build ? 'Building and packaging the extension (.vsix) ...' : 'Packaging the extension (.vsix) ...');
    mkdirSync(profileDir, { recursive: true });
    const { file: vsix } = packageVsix({ outFile: path.join(profileDir, 'tandem.vsix'), build, quiet: true });
    await installVscodeHost();

    const profile = openProfile(profileDir);
    // Fresh every session: exactly the .vsix just built, nothing left from an older one.
    rmSync(profile.extensionsDir, { recursive: true, force: true });
    mkdirSync(profile.extensionsDir, { recursive: true });
    onStep('Installing it into the session\'s VS Code ...');
    await installExtension(profile, vsix);

    const project = await createSampleProject(scratchDir);
    stops.push(async () => rmSync(path.dirname(project), { recursive: true, force: true }));

    let modelUrl;
    let settings = {};
    if (demo) {
      const fake = await startFakeLlm({ onLog: (line) => onLog(`[fake-llm] ${line}`) });
      stops.push(() => fake.stop());
      modelUrl = fake.baseUrl;
      // Its port changes every run, so the provider settings are rewritten each time.
      settings = demoSettings(fake.baseUrl);
    }
    // The quiet workbench settings and the AI-off ones are defaults: what the person changed stays.
    const settingsFile = updateUserSettings(profile.userDataDir, settings, { ...QUIET_WORKBENCH_SETTINGS, ...HOST_AI_OFF_SETTINGS });

    // The sample runs its TypeScript tests with Node's own runner (Node >= 23.6): the session's
    // terminals and tasks find the host's Node 24 first.
    const env = { PATH: `${NODE_BIN_DIR}${path.delimiter}${process.env.PATH ?? ''}` };
    const server = await startCodeServer({ profile, port, env, smokeTestDriver: false, onLog: (line) => onLog(`[code-server] ${line}`) });
    stops.push(() => server.stop());
    const url = new URL(server.url);
    url.searchParams.set('folder', project);
    return { url: url.toString(), project, modelUrl, settingsFile, exited: server.exited, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

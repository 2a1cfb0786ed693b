// Installs the VS Code test host into .vscode-host/ (git-ignored): Node 24 and code-server (VS Code
// 1.139.1 for the browser) from npm, plus Debian's chromium. Idempotent: a stamp records what is
// installed, so a second run only re-checks and returns at once. See shared VSCODE_TEST_HOST.md.
//
//   node scripts/install-vscode-host.mjs            install if needed
//   node scripts/install-vscode-host.mjs --force    reinstall Node and code-server
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { formatDuration } from './vscode-host/format.mjs';
import { envWithoutNpmRunContext, node24NpmEnv } from './vscode-host/npm-env.mjs';
import {
  CODE_SERVER_DIR, CODE_SERVER_ENTRY, CODE_SERVER_PREFIX, CODE_SERVER_VERSION, HOST_DIR,
  NODE_BIN, NODE_PACKAGE, NODE_PREFIX, NODE_VERSION, STAMP_FILE, VSCODE_VERSION,
} from './vscode-host/paths.mjs';
import { runCommand } from './vscode-host/run-command.mjs';
import { ensureSystemPackages } from './vscode-host/system-packages.mjs';

const WANTED = { node: NODE_VERSION, codeServer: CODE_SERVER_VERSION, vscode: VSCODE_VERSION };

/** True when the stamp matches the wanted versions and the files it vouches for still exist. */
function isInstalled() {
  if (!existsSync(STAMP_FILE)) return false;
  try {
    const stamp = JSON.parse(readFileSync(STAMP_FILE, 'utf8'));
    const sameVersions = Object.entries(WANTED).every(([key, value]) => stamp[key] === value);
    return sameVersions && existsSync(NODE_BIN) && existsSync(CODE_SERVER_ENTRY) &&
      existsSync(path.join(CODE_SERVER_DIR, 'lib', 'vscode', 'node_modules'));
  } catch {
    return false;
  }
}

/** @param {string} label @param {() => Promise<void>} work */
async function step(label, work) {
  const started = Date.now();
  console.log(`- ${label} ...`);
  await work();
  console.log(`  done in ${formatDuration(Date.now() - started)}`);
}

/** @param {string[]} args @param {NodeJS.ProcessEnv} env @param {string} what */
async function npm(args, env, what) {
  const { code } = await runCommand('npm', args, { env });
  if (code !== 0) throw new Error(`${what} failed: npm ${args.join(' ')} exited with ${code}`);
}

async function installNode() {
  rmSync(NODE_PREFIX, { recursive: true, force: true });
  mkdirSync(NODE_PREFIX, { recursive: true });
  await npm(['install', '--prefix', NODE_PREFIX, '--no-save', '--no-package-lock', '--no-audit', '--no-fund',
    `${NODE_PACKAGE}@${NODE_VERSION}`], envWithoutNpmRunContext(), `Installing Node ${NODE_VERSION}`);
  const { output } = await runCommand(NODE_BIN, ['--version'], { capture: true });
  if (output.trim() !== `v${NODE_VERSION}`) throw new Error(`${NODE_BIN} reports "${output.trim()}", expected v${NODE_VERSION}`);
}

async function installCodeServer() {
  rmSync(CODE_SERVER_PREFIX, { recursive: true, force: true });
  mkdirSync(CODE_SERVER_PREFIX, { recursive: true });
  // The prefix's own manifest pins the version and approves the two install scripts the top-level
  // install needs (code-server's postinstall, which installs lib/vscode's and its extensions'
  // dependencies, and argon2's native build). npm 11 treats allowScripts as the project's policy;
  // name-only entries because this machine's npmrc omits `resolved` from lockfiles, which makes
  // pinned entries unverifiable. The nested installs carry their own allowScripts upstream.
  writeFileSync(path.join(CODE_SERVER_PREFIX, 'package.json'), `${JSON.stringify({
    name: 'tandem-vscode-host',
    private: true,
    description: 'VS Code test host for Tandem, installed by scripts/install-vscode-host.mjs. Not part of the project.',
    dependencies: { 'code-server': CODE_SERVER_VERSION },
    allowScripts: { 'code-server': true, argon2: true },
  }, null, 2)}\n`);
  await npm(['install', '--prefix', CODE_SERVER_PREFIX, '--omit=dev', '--no-audit', '--no-fund'],
    node24NpmEnv(), `Installing code-server ${CODE_SERVER_VERSION}`);
  if (!existsSync(path.join(CODE_SERVER_DIR, 'lib', 'vscode', 'node_modules'))) {
    throw new Error('code-server installed but its postinstall did not install lib/vscode dependencies (install scripts skipped?)');
  }
}

async function verifyCodeServer() {
  const { code, output } = await runCommand(NODE_BIN, [CODE_SERVER_ENTRY, '--version'], { capture: true });
  const line = output.trim().split('\n').pop() ?? '';
  // Prints e.g. "4.139.1 53c2f32... with Code 1.139.1".
  if (code !== 0 || !line.startsWith(CODE_SERVER_VERSION) || !line.endsWith(`Code ${VSCODE_VERSION}`)) {
    throw new Error(`code-server --version printed "${output.trim()}", expected ${CODE_SERVER_VERSION} with Code ${VSCODE_VERSION}`);
  }
  console.log(`  ${line}`);
}

/** Installs whatever is missing; resolves when the host is ready to run. */
export async function installVscodeHost({ force = false } = {}) {
  const started = Date.now();
  if (!force && isInstalled()) {
    await ensureSystemPackages({ forBuild: false });
    console.log(`VS Code test host: code-server ${CODE_SERVER_VERSION} (VS Code ${VSCODE_VERSION}) on Node ${NODE_VERSION} is installed in ${path.relative(process.cwd(), HOST_DIR) || HOST_DIR}`);
    return;
  }

  console.log(`Installing the VS Code test host into ${HOST_DIR} (about 90 s and 620 MB the first time)`);
  rmSync(STAMP_FILE, { force: true });
  await step('checking system packages (chromium, libkrb5-dev, C++ toolchain)', () => ensureSystemPackages({ forBuild: true }));
  await step(`installing Node ${NODE_VERSION} (${NODE_PACKAGE} from npm)`, installNode);
  await step(`installing code-server ${CODE_SERVER_VERSION} under Node ${NODE_VERSION} (builds native modules)`, installCodeServer);
  await step('checking code-server', verifyCodeServer);

  writeFileSync(STAMP_FILE, `${JSON.stringify({ ...WANTED, installedAt: new Date().toISOString() }, null, 2)}\n`);
  console.log(`VS Code test host installed in ${formatDuration(Date.now() - started)}`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  installVscodeHost({ force: process.argv.includes('--force') }).catch((error) => {
    console.error(`\nInstalling the VS Code test host failed: ${error instanceof Error ? error.message : error}`);
    process.exitCode = 1;
  });
}

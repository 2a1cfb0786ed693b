// The project a `npm start` session opens: a fresh copy of the sample (pocket-ledger) in a scratch
// folder, made a git repository with a short history and one uncommitted change, so Generate
// Commit Message and reviews of changes have something to work on. Never Tandem's own checkout.
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { SAMPLE_FIXTURE } from './paths.mjs';
import { runCommand } from './run-command.mjs';

/** The history, oldest first: each step commits the paths it names (relative to the project). */
const HISTORY = [
  { message: 'Parse and format money as integer cents', paths: ['.gitignore', 'package.json', 'tsconfig.json', 'src/money.ts'] },
  { message: 'Add the ledger: record entries, balance, totals per category', paths: ['src/ledger.ts', 'README.md'] },
  { message: 'Test parsing and formatting of money', paths: ['src/money.test.ts'] },
  { message: 'Importer: read bank CSV exports', paths: ['importer'] },
];

/** Left uncommitted: what "Generate Commit Message" describes in the demo. */
const UNCOMMITTED_NOTE = `
## Categories

Categories are case-insensitive: "Groceries" and "groceries" are the same category.
`;

/** Fixed identity and dates: the same history on every machine, no git config needed. */
const GIT_ENV = {
  GIT_AUTHOR_NAME: 'Pocket Ledger',
  GIT_AUTHOR_EMAIL: 'dev@pocket-ledger.example',
  GIT_COMMITTER_NAME: 'Pocket Ledger',
  GIT_COMMITTER_EMAIL: 'dev@pocket-ledger.example',
  GIT_CONFIG_NOSYSTEM: '1',
};

/**
 * @param {string} [parentDir] where the scratch folder goes (default: the OS temp folder)
 * @returns {Promise<string>} the project folder (<scratch>/pocket-ledger)
 */
export async function createSampleProject(parentDir = os.tmpdir()) {
  const scratch = mkdtempSync(path.join(parentDir, 'tandem-sample-'));
  const project = path.join(scratch, 'pocket-ledger');
  cpSync(SAMPLE_FIXTURE, project, { recursive: true });

  // HOME points into the scratch folder so the user's global git config (hooks, signing) stays out.
  const env = { ...process.env, ...GIT_ENV, HOME: scratch };
  const git = async (...args) => {
    const { code, output } = await runCommand('git', args, { cwd: project, env, capture: true });
    if (code !== 0) throw new Error(`git ${args.join(' ')} failed in ${project} (exit ${code}):\n${output.trim()}`);
  };
  await git('init', '--quiet', '--initial-branch=main');
  for (const [index, step] of HISTORY.entries()) {
    env.GIT_AUTHOR_DATE = env.GIT_COMMITTER_DATE = `2024-05-0${index + 1}T10:00:00Z`;
    await git('add', '--', ...step.paths);
    await git('commit', '--quiet', '--no-verify', '--no-gpg-sign', '-m', step.message);
  }
  const readme = path.join(project, 'README.md');
  writeFileSync(readme, readFileSync(readme, 'utf8') + UNCOMMITTED_NOTE);
  return project;
}


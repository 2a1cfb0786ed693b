// VS Code user settings (<user-data-dir>/User/settings.json), written before the workbench starts.
import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/**
 * Settings every automated or demo session wants: no welcome page or tips, no telemetry, no
 * update or extension-recommendation network calls.
 */
export const QUIET_WORKBENCH_SETTINGS = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'git.openRepositoryInParentFolders': 'never',
};

/**
 * Desktop VS Code's defaults where VS Code for the Web (code-server) differs, for test profiles:
 * the web build saves a dirty document a second after each edit (`files.autoSave` afterDelay),
 * so a test that holds unsaved text would see it written to disk on a slow machine.
 */
export const DESKTOP_DEFAULT_SETTINGS = {
  'files.autoSave': 'off',
};

/** @param {string} userDataDir @returns {string} <user-data-dir>/User/settings.json (its folder created) */
export function settingsFile(userDataDir) {
  const userDir = path.join(userDataDir, 'User');
  mkdirSync(userDir, { recursive: true });
  return path.join(userDir, 'settings.json');
}

/** @param {string} file @param {Record<string, unknown>} settings */
function write(file, settings) {
  writeFileSync(file, `${JSON.stringify(settings, null, 2)}\n`);
  return file;
}

/**
 * Replaces the settings file: QUIET_WORKBENCH_SETTINGS, DESKTOP_DEFAULT_SETTINGS, then `settings`.
 * For throwaway (test) profiles.
 * @param {string} userDataDir @param {Record<string, unknown>} settings
 * @returns {string} the settings file path
 */
export function writeUserSettings(userDataDir, settings) {
  return write(settingsFile(userDataDir), { ...QUIET_WORKBENCH_SETTINGS, ...DESKTOP_DEFAULT_SETTINGS, ...settings });
}

/**
 * Sets `settings` in a persistent profile and keeps everything else the user changed there;
 * `defaults` only fill keys the file does not have. A file we cannot parse as plain JSON (the
 * user added comments) is kept as settings.json.bak.
 * @param {string} userDataDir @param {Record<string, unknown>} settings
 * @param {Record<string, unknown>} [defaults]
 * @returns {string} the settings file path
 */
export function updateUserSettings(userDataDir, settings, defaults = {}) {
  const file = settingsFile(userDataDir);
  let current = QUIET_WORKBENCH_SETTINGS;
  if (existsSync(file)) {
    try {
      current = JSON.parse(readFileSync(file, 'utf8'));
    } catch {
      copyFileSync(file, `${file}.bak`);
      console.log(`note: ${file} is not plain JSON; saved it as settings.json.bak and started a new one`);
    }
  }
  return write(file, { ...defaults, ...current, ...settings });
}

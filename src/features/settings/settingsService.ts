import * as vscode from 'vscode';
import { readConfig, settingsSection, type ConfigProblem, type TandemConfig } from '../../core/config';
import type { Logger } from '../../core/logger';

/**
 * The validated configuration, re-read when a `tandem.*` setting changes. Each problem is shown
 * once per session (a warning naming the setting, with a button to open it); the setting's
 * default is used meanwhile, so a typo never stops Tandem from starting.
 */
export class SettingsService implements vscode.Disposable {
  private config: TandemConfig;
  private readonly shown = new Set<string>();
  private readonly shownInOrder: string[] = [];
  private readonly changed = new vscode.EventEmitter<TandemConfig>();
  private readonly subscription: vscode.Disposable;
  readonly onDidChange = this.changed.event;

  constructor(private readonly logger: Logger) {
    this.config = this.load();
    this.subscription = vscode.workspace.onDidChangeConfiguration((event) => {
      if (!event.affectsConfiguration(settingsSection)) return;
      this.config = this.load();
      this.changed.fire(this.config);
    });
  }

  get current(): TandemConfig {
    return this.config;
  }

  /** Problem messages shown to the user so far, oldest first. */
  get problemsShown(): readonly string[] {
    return this.shownInOrder;
  }

  private load(): TandemConfig {
    const section = vscode.workspace.getConfiguration(settingsSection);
    const { config, problems } = readConfig((key) => section.get(key));
    for (const problem of problems) this.report(problem);
    return config;
  }

  private report(problem: ConfigProblem): void {
    if (this.shown.has(problem.message)) return;
    this.shown.add(problem.message);
    this.shownInOrder.push(problem.message);
    this.logger.warn(`Settings: ${problem.message}`);
    void vscode.window.showWarningMessage(`Tandem: ${problem.message}`, 'Open Settings').then((choice) => {
      if (choice) void openSetting(problem.setting);
    });
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }
}

/** Opens the Settings editor filtered to one setting (nested provider fields open their parent). */
export function openSetting(setting: string): Thenable<unknown> {
  const id = setting.startsWith(`${settingsSection}.providers.`) ? `${settingsSection}.providers` : setting;
  return vscode.commands.executeCommand('workbench.action.openSettings', id);
}

/** Writes into the scope that already holds a value (workspace or user), defaulting to user. */
export function targetFor(key: string): vscode.ConfigurationTarget {
  const inspected = vscode.workspace.getConfiguration(settingsSection).inspect(key);
  if (inspected?.workspaceFolderValue !== undefined) return vscode.ConfigurationTarget.WorkspaceFolder;
  if (inspected?.workspaceValue !== undefined) return vscode.ConfigurationTarget.Workspace;
  return vscode.ConfigurationTarget.Global;
}

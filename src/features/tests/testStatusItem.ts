import * as vscode from 'vscode';
import { summarizeRun, type TestRunReport } from '../../core/testing';

/**
 * The last test run in the status bar ("$(error) 3 passed, 1 failed"), so the result stays in
 * view after its notification is gone. A click offers the next step: fix failing tests, or run
 * them again.
 */
export class TestStatusItem implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('tandem.tests', vscode.StatusBarAlignment.Left, 0);
  private last: { report: TestRunReport; where: string } | undefined;

  constructor() {
    this.item.name = 'Tandem Tests';
  }

  running(where: string): void {
    this.item.text = '$(sync~spin) Running tests…';
    this.item.tooltip = `Tandem is running the tests of ${where}`;
    this.item.command = undefined;
    this.item.backgroundColor = undefined;
    this.item.show();
  }

  /** After a run ended without a report (refused, failed to start): back to the last result, or hidden. */
  settle(): void {
    if (this.last) this.show(this.last.report, this.last.where);
    else this.item.hide();
  }

  show(report: TestRunReport, where: string): void {
    this.last = { report, where };
    const summary = summarizeRun(report);
    const finished = report.exitCode !== undefined;
    this.item.text = `${report.passed ? '$(pass)' : finished ? '$(error)' : '$(circle-slash)'} ${summary}`;
    this.item.accessibilityInformation = { label: `Tandem tests of ${where}: ${summary}` };
    if (!report.passed && finished) {
      this.item.tooltip = `Tandem: tests of ${where}: ${summary}. Click to fix the failing tests.`;
      this.item.command = { title: 'Fix Failing Tests', command: 'tandem.fixFailingTests' };
      this.item.backgroundColor = new vscode.ThemeColor('statusBarItem.errorBackground');
    } else {
      this.item.tooltip = `Tandem: tests of ${where}: ${summary}. Click to run them again.`;
      this.item.command = { title: 'Run Tests', command: 'tandem.runTests' };
      this.item.backgroundColor = undefined;
    }
    this.item.show();
  }

  dispose(): void {
    this.item.dispose();
  }
}

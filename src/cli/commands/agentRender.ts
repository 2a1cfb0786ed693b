import type { AgentEvent, TaskSummary } from '../../core/agent';

/**
 * Prints agent events: one JSON object per line (--json), or a readable stream for a terminal —
 * what the agent reads, the diffs it makes, commands with their output, and a final summary.
 */
export function agentRenderer(write: (text: string) => void, json: boolean): (event: AgentEvent) => void {
  if (json) return (event) => write(`${JSON.stringify(event)}\n`);
  let atLineStart = true;
  let lastOutputAt = 0;
  const line = (text: string) => {
    write(`${atLineStart ? '' : '\n'}${text}\n`);
    atLineStart = true;
  };
  return (event) => {
    switch (event.type) {
      case 'task':
        line(`tandem agent: task ${event.taskId}${event.resumed ? ' (resumed)' : ''}`);
        break;
      case 'step':
        line(`\n── step ${event.step}`);
        break;
      case 'text':
        write(event.text);
        atLineStart = event.text.endsWith('\n');
        break;
      case 'protocol':
        line(`(switched to the ${event.protocol} tool protocol: ${event.reason})`);
        break;
      case 'progress':
        // Keep-alive lines only while a command is quiet, so they never interleave its output.
        if (event.message === 'waiting for the model') break;
        if (!/ — \d+ s$/.test(event.message) || Date.now() - lastOutputAt > 5_000) line(`  … ${event.message}`);
        break;
      case 'toolCall':
        line(`→ ${event.name} ${describeArgs(event.arguments)}`);
        break;
      case 'output':
        write(event.text);
        atLineStart = event.text.endsWith('\n');
        lastOutputAt = Date.now();
        break;
      case 'toolResult':
        if (event.diff && event.ok) line(event.diff.trimEnd());
        line(`  ${event.ok ? '✓' : event.refused ? '⊘' : '✗'} ${event.summary}${event.reused ? ' (recorded result reused)' : ''}`);
        break;
      case 'notice':
        line(`(${event.message})`);
        break;
      case 'condensed':
        line(`(condensed ${event.results} older tool results to fit the context window: ~${event.tokensBefore} → ~${event.tokensAfter} tokens)`);
        break;
      case 'approval':
      case 'assistant':
        break;
      case 'stop':
        line(`\n${event.reason === 'finished' ? '' : `${event.message}\n`}`);
        break;
      case 'summary':
        line(formatSummary(event.summary));
        break;
    }
  };
}

export function formatSummary(summary: TaskSummary): string {
  const files = summary.filesChanged.length ? summary.filesChanged.join(', ') : 'none';
  const commands = summary.commandsRun.length ? summary.commandsRun.map((c) => `${c.command} (exit ${c.exitCode ?? '-'})`).join(', ') : 'none';
  return `Files changed: ${files}\nCommands run: ${commands}\nSteps: ${summary.steps}; tokens: ${summary.tokens.input} in, ${summary.tokens.output} out`;
}

function describeArgs(args: unknown): string {
  if (!args || typeof args !== 'object') return '';
  const a = args as Record<string, unknown>;
  if (typeof a['response'] === 'string') return `(${a['response'].split('\n').length} lines of edits)`;
  const main = a['path'] ?? a['command'] ?? a['query'];
  if (typeof main === 'string') {
    const range = a['startLine'] !== undefined ? `:${String(a['startLine'])}-${String(a['endLine'] ?? '')}` : '';
    return `${main}${range}`;
  }
  const text = JSON.stringify(args);
  return text.length > 120 ? `${text.slice(0, 119)}…` : text;
}

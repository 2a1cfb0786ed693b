import assert from 'node:assert/strict';
import { CompletionStats } from '../../../src/core/completion';
import { renderStatsReport } from '../../../src/features/completions/statsReport';

describe('completion stats report', () => {
  it('renders every counter, the acceptance rate and the latency percentiles', () => {
    const stats = new CompletionStats();
    for (let i = 0; i < 4; i++) stats.requestSent();
    stats.hit('cache', 0.4);
    stats.hit('typedThrough', 0.6);
    stats.hit('typedThrough', 1.2);
    stats.requestAborted();
    stats.completed(180, 3.25);
    stats.completed(420, 12);
    for (const id of ['s1', 's2', 's3', 's1']) stats.shown(id);
    stats.accepted('s2');

    const page = renderStatsReport(stats.snapshot(), { model: 'qwen2.5-coder:1.5b-base', provider: 'Ollama', strategy: 'template' });
    assert.match(page, /^# Tandem completion stats\n\nModel `qwen2\.5-coder:1\.5b-base` on Ollama \(FIM through the model family's template\)\. 3 of 7 suggestions needed no request\./);
    assert.ok(page.includes('| Requests sent to the model | 4 |'));
    assert.ok(page.includes('| Cache hits (no request) | 1 |'));
    assert.ok(page.includes('| Typed-through hits (no request) | 2 |'));
    assert.ok(page.includes('| Aborted requests (superseded) | 1 |'));
    assert.ok(page.includes('| Suggestions shown | 3 |'), 'each suggestion counted once');
    assert.ok(page.includes('| Suggestions accepted | 1 (33.3 % of shown) |'));
    assert.ok(page.includes('| Model (request to last token used) | 180 ms | 420 ms | 2 |'));
    assert.ok(page.includes("| Tandem's overhead (beyond debounce and model) | 3.3 ms | 12 ms | 2 |"));
    assert.match(page, /nothing is sent anywhere/);
  });

  it('shows prompt tokens, their reuse, the server-reported cached tokens and prefetch hits', () => {
    const stats = new CompletionStats();
    stats.requestSent({ promptTokens: 1_000, reusedTokens: 0 });
    stats.requestSent({ promptTokens: 1_000, reusedTokens: 900 }, true);
    stats.serverCache(1_000, 950);
    stats.prefetchServed('s1');
    stats.prefetchServed('s1');
    const page = renderStatsReport(stats.snapshot(), { model: 'default', provider: 'llama.cpp server', strategy: 'infill' });
    assert.ok(page.includes("(llama.cpp's /infill)"), page);
    assert.ok(page.includes('| Prompt tokens sent (estimated) | 2,000 |'), page);
    assert.ok(page.includes('(a caching server need not read them) | 900 (45.0 %) |'), page);
    assert.ok(page.includes('| Prompt tokens the server reported as cached | 950 of 1,000 (95.0 %) |'), page);
    assert.ok(page.includes('| Prefetches after an accept | 1 |'), page);
    assert.ok(page.includes('| Suggestions served from a prefetch | 1 |'), page);
  });

  it('says how many cached-token figures stand in for a report the server sent after the answer was cut', () => {
    const stats = new CompletionStats();
    stats.serverCache(1_000, 950);
    stats.serverCache(1_000, 850, true);
    const page = renderStatsReport(stats.snapshot(), { model: 'm', provider: 'OpenAI-compatible server' });
    assert.ok(page.includes('| Prompt tokens the server reported as cached | 1,800 of 2,000 (90.0 %); 1 answers stopped before the server\'s report counted by their common start with the previous prompt |'), page);
  });

  it('counts the answers the harm guard trimmed and those it kept from being shown', () => {
    const stats = new CompletionStats();
    stats.guarded('trimmed');
    stats.guarded('dropped');
    stats.guarded('dropped');
    const page = renderStatsReport(stats.snapshot(), { model: 'm', provider: 'p' });
    assert.ok(page.includes('| Harmful answers trimmed by the guard (shown in part) | 1 |'), page);
    assert.ok(page.includes('| Harmful answers dropped by the guard (not shown; among the dropped above) | 2 |'), page);
  });

  it('shows a dash, not NaN or 0 ms, before anything was measured', () => {
    const page = renderStatsReport(new CompletionStats().snapshot(), { model: 'm', provider: 'p' });
    assert.ok(page.includes('| Model (request to last token used) | — | — | 0 |'));
    assert.ok(page.includes('| Suggestions accepted | 0 (0.0 % of shown) |'));
    assert.doesNotMatch(page, /NaN|undefined/);
  });
});

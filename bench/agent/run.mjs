// `npm run bench -- agent`: the agent engine's own time per step (model and tool time taken out)
// on a 1,000-file workspace, p50/p95; the system prompt + tool definitions in tokens; the cost of
// a checkpoint of a 5 MB file and of restoring it. Writes bench/results/agent.json.
import { tsImport } from 'tsx/esm/api';
import { printTable, writeResult } from '../report.mjs';

const suite = await tsImport('./suite.ts', import.meta.url);
const checkpoints = await tsImport('./checkpoints.ts', import.meta.url);
const metrics = {
  ...(await suite.engineScenario()),
  ...suite.promptScenario(),
  ...(await checkpoints.checkpointMetrics()),
};
const budgets = { engineStepMsP50: 5, engineStepMsP95: 5, nativePromptTokens: 3_000, textPromptTokens: 3_000, ...checkpoints.checkpointBudgets };
const result = writeResult('agent', metrics, budgets);
printTable('agent', metrics, budgets, result.pass);
process.exitCode = result.pass ? 0 : 1;

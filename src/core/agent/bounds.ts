import type { BoundName } from './types';

export interface BoundLimits {
  maxSteps: number;
  tokenBudget: number;
  /** The same call with the same arguments this many times in a row stops the task. */
  maxRepeats: number;
  /** This many failed or refused tool calls in a row stop the task. */
  maxConsecutiveErrors: number;
}

export const defaultBounds: BoundLimits = { maxSteps: 25, tokenBudget: 1_000_000, maxRepeats: 3, maxConsecutiveErrors: 3 };

export interface BoundHit {
  bound: BoundName;
  /** Names the bound, e.g. "step limit 10 reached". */
  message: string;
}

export interface BoundState {
  steps: number;
  tokensIn: number;
  tokensOut: number;
  lastCall?: string;
  repeats: number;
  consecutiveErrors: number;
  /** Tokens used by earlier runs of the task (a follow-up or --continue gets a fresh budget). */
  tokenBaseline?: number;
}

export function freshBoundState(): BoundState {
  return { steps: 0, tokensIn: 0, tokensOut: 0, repeats: 0, consecutiveErrors: 0 };
}

/**
 * The hard bounds of a task: checked before each step (steps, tokens), before each call (the same
 * call again) and after each result (errors in a row). A hit stops the task; nothing is a warning.
 * The state is plain data so a resumed task continues with the counts it had.
 */
export class Bounds {
  constructor(readonly limits: BoundLimits, readonly state: BoundState = freshBoundState()) {}

  /** Before a new step (a model turn): the step limit and the token budget. */
  beforeStep(): BoundHit | undefined {
    if (this.state.steps >= this.limits.maxSteps) return { bound: 'steps', message: `step limit ${this.limits.maxSteps} reached` };
    return this.tokenHit();
  }

  startStep(): number {
    return ++this.state.steps;
  }

  addTokens(input: number, output: number): BoundHit | undefined {
    this.state.tokensIn += input;
    this.state.tokensOut += output;
    return this.tokenHit();
  }

  /** Before running a call: the same call with the same arguments `maxRepeats` times in a row. */
  beforeCall(name: string, args: unknown): BoundHit | undefined {
    const key = `${name} ${canonicalJson(args)}`;
    this.state.repeats = key === this.state.lastCall ? this.state.repeats + 1 : 1;
    this.state.lastCall = key;
    if (this.state.repeats >= this.limits.maxRepeats) {
      return { bound: 'repeat', message: `the same call was repeated ${this.limits.maxRepeats} times (${name} ${truncate(canonicalJson(args), 80)})` };
    }
    return undefined;
  }

  /** After a result: failures and refusals in a row. */
  afterResult(ok: boolean): BoundHit | undefined {
    this.state.consecutiveErrors = ok ? 0 : this.state.consecutiveErrors + 1;
    if (this.state.consecutiveErrors >= this.limits.maxConsecutiveErrors) {
      return { bound: 'errors', message: `${this.limits.maxConsecutiveErrors} tool calls failed in a row` };
    }
    return undefined;
  }

  /** Tokens this run used (the budget's count). */
  get tokensUsed(): number {
    return this.state.tokensIn + this.state.tokensOut - (this.state.tokenBaseline ?? 0);
  }

  /** A new run of the task (follow-up, --continue after a stop): counters start again, totals stay. */
  startRun(): void {
    Object.assign(this.state, { steps: 0, repeats: 0, consecutiveErrors: 0, lastCall: undefined, tokenBaseline: this.state.tokensIn + this.state.tokensOut });
  }

  private tokenHit(): BoundHit | undefined {
    if (this.tokensUsed >= this.limits.tokenBudget) {
      return { bound: 'tokens', message: `token budget ${this.limits.tokenBudget} used up (${this.tokensUsed} tokens)` };
    }
    return undefined;
  }
}

/** JSON with sorted keys: the same arguments in another order are the same call. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.keys(value).sort().filter((k) => (value as Record<string, unknown>)[k] !== undefined)
      .map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

function truncate(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

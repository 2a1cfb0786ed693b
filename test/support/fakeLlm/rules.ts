// The scripted model: an ordered list of rules, the first that matches a request answers it.
// Use counts live here, not on the caller's rule objects, so a test can reuse a rule constant.
import type { FakeRule, FakeRuleMatch } from './types';
import type { RequestView } from './requestView';

interface RuleEntry {
  readonly rule: FakeRule;
  uses: number;
}

export class RuleBook {
  private entries: RuleEntry[] = [];

  constructor(rules: readonly FakeRule[] = []) {
    this.replaceAll(rules);
  }

  /** Replaces every rule; the first in the list is tried first. */
  replaceAll(rules: readonly FakeRule[]): void {
    this.entries = rules.map((rule) => ({ rule, uses: 0 }));
  }

  /** Newest rule wins: it is tried before every existing one. */
  prepend(rule: FakeRule): void {
    this.entries.unshift({ rule, uses: 0 });
  }

  clear(): void {
    this.entries = [];
  }

  get size(): number {
    return this.entries.length;
  }

  /** Finds the rule answering this request and counts the use (a used-up rule is skipped). */
  take(request: RequestView): FakeRule | undefined {
    const entry = this.entries.find((e) => !isUsedUp(e) && ruleMatches(e.rule.match, request));
    if (entry === undefined) return undefined;
    entry.uses += 1;
    return entry.rule;
  }
}

function isUsedUp(entry: RuleEntry): boolean {
  return entry.rule.times !== undefined && entry.uses >= entry.rule.times;
}

export function ruleMatches(match: FakeRuleMatch | undefined, request: RequestView): boolean {
  if (match === undefined) return true;
  if (match.endpoint !== undefined && match.endpoint !== request.endpoint) return false;
  if (match.turn !== undefined && match.turn !== request.assistantTurns) return false;
  if (match.tools !== undefined && match.tools !== (request.hasTools ?? false)) return false;
  return (
    textMatches(match.lastUser, request.lastUser) &&
    textMatches(match.prompt, request.prompt) &&
    textMatches(match.suffix, request.suffix) &&
    textMatches(match.model, request.model)
  );
}

/** No pattern matches anything; a pattern never matches a value the request lacks. */
function textMatches(pattern: string | RegExp | undefined, value: string | undefined): boolean {
  if (pattern === undefined) return true;
  if (value === undefined) return false;
  if (typeof pattern === 'string') return value.includes(pattern);
  // A /g or /y RegExp keeps lastIndex between test() calls; matching must not depend on history.
  pattern.lastIndex = 0;
  return pattern.test(value);
}

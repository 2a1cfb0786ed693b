import { tokenizeShell } from './shellTokenizer';
import type { ShellToken, ShellWord } from './shellTokens';

export interface ShellRedirect { op: string; fd: number | undefined; target: ShellWord | undefined }

/** One command the shell would run: `NAME=v cmd args… >file`, with where it sits in a pipeline. */
export interface SimpleCommand {
  /** The command word and its arguments (assignment prefixes and redirections removed). */
  words: ShellWord[];
  assignments: ShellWord[];
  redirects: ShellRedirect[];
  /** Its source text, trimmed: what an allowlist pattern is matched against. */
  text: string;
  start: number;
  end: number;
  /** Which pipeline of the command line it belongs to, and its stage in it (0 reads no pipe). */
  pipeline: number;
  stage: number;
}

export interface ParsedShell {
  commands: SimpleCommand[];
  /** Source of every command substitution anywhere in the text, including skipped words and here-documents. */
  substitutions: string[];
  /** Names of shell functions the text defines. */
  functionNames: string[];
  syntaxError?: string;
}

/** Words that open or close compound commands; at the start of a command they run nothing. */
const reservedWords = new Set(['if', 'then', 'else', 'elif', 'fi', 'do', 'done', 'while', 'until', '!', '{', '}', 'time', 'coproc']);
const listSeparators = new Set([';', '&', '&&', '||', '\n', '(', ')']);
const caseSeparators = new Set([';;', ';&', ';;&']);
const assignmentPattern = /^[A-Za-z_][A-Za-z0-9_]*(\[[^\]]*\])?\+?=/;

/**
 * Flattens shell source into the simple commands it can run, wherever they sit: lists, pipelines,
 * subshells, groups, `if`/`while`/`for`/`case` bodies and function bodies. Control structure is
 * dropped on purpose: a policy that approves a command line must approve every command in it.
 */
export function parseShell(source: string): ParsedShell {
  const { tokens, heredocSubstitutions, syntaxError } = tokenizeShell(source);
  const result: ParsedShell = { commands: [], substitutions: [...heredocSubstitutions], functionNames: [], syntaxError };
  let pipeline = 0;
  let stage = 0;
  let current: SimpleCommand | undefined;
  let lastEnd = 0;
  /** 'pattern' while reading `case` patterns up to their `)`; 'head' between `case` and `in`. */
  const caseStates: Array<'head' | 'pattern' | 'body'> = [];
  let skippingForList = false;

  const collect = (word: ShellWord): void => { result.substitutions.push(...word.substitutions); };
  const open = (start: number): SimpleCommand => {
    current ??= { words: [], assignments: [], redirects: [], text: '', start, end: start, pipeline, stage };
    return current;
  };
  const finish = (): void => {
    if (current && (current.words.length > 0 || current.assignments.length > 0 || current.redirects.length > 0)) {
      current.end = lastEnd;
      current.text = source.slice(current.start, lastEnd).trim();
      result.commands.push(current);
    }
    current = undefined;
  };

  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    const atCommandStart = !current || current.words.length === 0;
    if (token.kind === 'op') {
      const caseState = caseStates[caseStates.length - 1];
      if (caseState === 'pattern' && token.op === ')') { caseStates[caseStates.length - 1] = 'body'; continue; }
      if (caseState === 'pattern' || caseState === 'head') continue; // `(` and `|` between patterns
      finish();
      skippingForList = skippingForList && token.op !== ';' && token.op !== '\n';
      if (token.op === '|' || token.op === '|&') { stage++; continue; }
      if (caseSeparators.has(token.op)) { if (caseState === 'body') caseStates[caseStates.length - 1] = 'pattern'; }
      else if (token.op === '(' && isArithmeticCommand(tokens, i)) { i = skipArithmetic(tokens, i, collect); continue; }
      if (listSeparators.has(token.op) || caseSeparators.has(token.op)) { if (token.op !== ')') { pipeline++; stage = 0; } }
      continue;
    }
    if (token.kind === 'redirect') {
      const next = tokens[i + 1];
      const target = next?.kind === 'word' ? next.word : undefined;
      if (!target) result.syntaxError ??= `\`${token.op}\` is not followed by a file name`;
      else { collect(target); i++; }
      open(token.start).redirects.push({ op: token.op, fd: token.fd, target });
      lastEnd = target ? target.end : token.end;
      continue;
    }
    const word = token.word;
    collect(word);
    const caseState = caseStates[caseStates.length - 1];
    if (caseState === 'head') { if (word.text === 'in' && !word.dynamic) caseStates[caseStates.length - 1] = 'pattern'; continue; }
    if (caseState === 'pattern') { if (word.text === 'esac') caseStates.pop(); continue; }
    if (skippingForList) { if (word.text === 'do') skippingForList = false; continue; }
    if (atCommandStart && !word.dynamic) {
      if (word.text === 'esac' && caseState === 'body') { caseStates.pop(); continue; }
      if (word.text === 'case') { caseStates.push('head'); continue; }
      if (word.text === 'for' || word.text === 'select') { skippingForList = true; continue; }
      if (word.text === 'function' && tokens[i + 1]?.kind === 'word') {
        result.functionNames.push((tokens[i + 1] as { word: ShellWord }).word.text);
        i += isEmptyParens(tokens, i + 2) ? 3 : 1;
        continue;
      }
      if (isEmptyParens(tokens, i + 1) && (!current || current.assignments.length === 0)) {
        result.functionNames.push(word.text);
        i += 2;
        continue;
      }
      if ((!current || current.assignments.length === 0) && reservedWords.has(word.text)) {
        if (word.text === 'time') while (tokens[i + 1]?.kind === 'word' && /^-[p-]$/.test((tokens[i + 1] as { word: ShellWord }).word.text)) i++;
        continue;
      }
    }
    const command = open(word.start);
    if (command.words.length === 0 && assignmentPattern.test(source.slice(word.start, word.end))) command.assignments.push(word);
    else command.words.push(word);
    lastEnd = word.end;
  }
  finish();
  if (caseStates.length > 0 && !result.syntaxError) result.syntaxError = 'a `case` is never closed with `esac`';
  return result;
}

function isEmptyParens(tokens: ShellToken[], at: number): boolean {
  const a = tokens[at];
  const b = tokens[at + 1];
  return a?.kind === 'op' && a.op === '(' && b?.kind === 'op' && b.op === ')';
}

/** `((…))` at the start of a command: arithmetic, not two nested subshells. */
function isArithmeticCommand(tokens: ShellToken[], at: number): boolean {
  const a = tokens[at]!;
  const b = tokens[at + 1];
  return a.kind === 'op' && b?.kind === 'op' && b.op === '(' && b.start === a.end;
}

function skipArithmetic(tokens: ShellToken[], at: number, collect: (word: ShellWord) => void): number {
  let depth = 0;
  for (let i = at; i < tokens.length; i++) {
    const token = tokens[i]!;
    if (token.kind === 'word') collect(token.word);
    if (token.kind !== 'op') continue;
    if (token.op === '(') depth++;
    if (token.op === ')' && --depth === 0) return i;
  }
  return tokens.length;
}

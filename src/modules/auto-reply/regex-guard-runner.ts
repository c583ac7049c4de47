import vm from 'node:vm';
import type { PatternTest } from './regex-linear';

/**
 * Runs keyword regexes against a follower's message under a time bound, so a pattern that slipped
 * past the save-time guard (or was stored before it existed) costs at most `timeoutMs` per message
 * instead of hanging the webhook past WeChat's 5-second budget.
 *
 * V8 can only interrupt a script, so the bounded regexes run in one reused node:vm context with
 * `timeout`. Entering it costs ~0.1 ms (a watchdog thread per call), so: linear patterns (see
 * regex-guard-literal.ts) and patterns compiled for RE2 (regex-linear.ts) run directly; each run of
 * consecutive remaining candidates runs in ONE sandbox entry, which records its progress so a
 * time-out identifies the culprit, counts it as no match, reports it, and resumes with the next.
 *
 * Every regex sees at most `maxInput` characters of the message: WeChat text can be 2048 characters
 * and more, keywords sit at the start, and the cap bounds the polynomial patterns the guard allows.
 */
export interface RegexCandidate {
  regex: PatternTest;
  /** Linear (or RE2): safe to run outside the sandbox. */
  direct: boolean;
}

export interface RegexRunnerOptions {
  timeoutMs?: number;
  maxInput?: number;
}

export const DEFAULT_REGEX_TIMEOUT_MS = 50;
export const DEFAULT_REGEX_MAX_INPUT = 1024;

interface Job { regexes: PatternTest[]; input: string; at: number }
const job: Job = { regexes: [], input: '', at: 0 };
// A null-prototype global: the sandbox exposes nothing but the job. It is not a security boundary
// (patterns come from operators, not strangers); it is only what lets V8 stop a runaway regex.
const context = vm.createContext(Object.assign(Object.create(null) as object, { job }));
const script = new vm.Script(
  '(function () { var r = job.regexes, s = job.input; for (; job.at < r.length; job.at++) { if (r[job.at].test(s)) return job.at; } return -1; })()',
);

export class RegexRunner {
  private readonly timeoutMs: number;
  private readonly maxInput: number;

  constructor(options: RegexRunnerOptions = {}) {
    this.timeoutMs = options.timeoutMs ?? DEFAULT_REGEX_TIMEOUT_MS;
    this.maxInput = options.maxInput ?? DEFAULT_REGEX_MAX_INPUT;
  }

  /** The index of the first candidate (in order) that matches `text`, or -1. Timed-out ones go to `onTimeout`. */
  firstMatch<C extends RegexCandidate>(candidates: readonly C[], text: string, onTimeout: (candidate: C) => void): number {
    const input = text.length > this.maxInput ? text.slice(0, this.maxInput) : text;
    for (let k = 0; k < candidates.length; ) {
      if (candidates[k]!.direct) {
        if (candidates[k]!.regex.test(input)) return k;
        k++;
        continue;
      }
      let end = k + 1;
      while (end < candidates.length && !candidates[end]!.direct) end++;
      const found = this.inSandbox(candidates, k, end, input, onTimeout);
      if (found !== -1) return found;
      k = end;
    }
    return -1;
  }

  /** Candidates [from, to) in one sandbox entry (re-entered after a time-out): the first that matches, or -1. */
  private inSandbox<C extends RegexCandidate>(candidates: readonly C[], from: number, to: number, input: string, onTimeout: (candidate: C) => void): number {
    job.regexes = candidates.slice(from, to).map((c) => c.regex);
    job.input = input;
    job.at = 0;
    try {
      while (job.at < job.regexes.length) {
        try {
          const found = script.runInContext(context, { timeout: this.timeoutMs }) as number;
          return found === -1 ? -1 : from + found;
        } catch (err) {
          if ((err as { code?: string }).code !== 'ERR_SCRIPT_EXECUTION_TIMEOUT') throw err;
          onTimeout(candidates[from + job.at]!);
          job.at++;
        }
      }
      return -1;
    } finally {
      job.regexes = [];
      job.input = '';
    }
  }
}

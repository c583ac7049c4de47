import type { Context, Next } from 'koa';
import { EmulatorError } from './contract';
import { renderWeChatError } from './errors';
import { ControlError } from './errors';

export interface Fault {
  path: string;
  /** How many of the next calls to `path` it applies to. */
  count: number;
  errcode?: number;
  errmsg?: string;
  latencyMs?: number;
  drop?: boolean;
}

/**
 * Programmable failures for tests: the next N calls to a path fail with an errcode, are delayed,
 * or lose their connection. Checked before any route (token routes included), in the order added.
 */
export class FaultBook {
  private faults: Fault[] = [];

  add(input: Record<string, unknown>): Fault {
    const { path, count = 1, errcode, errmsg, latencyMs, drop } = input;
    if (typeof path !== 'string' || !path.startsWith('/')) throw new ControlError(400, 'invalid_fault', 'path must start with /');
    if (!Number.isInteger(count) || (count as number) < 1) throw new ControlError(400, 'invalid_fault', 'count must be a positive integer');
    if (errcode !== undefined && !Number.isInteger(errcode)) throw new ControlError(400, 'invalid_fault', 'errcode must be an integer');
    if (errmsg !== undefined && typeof errmsg !== 'string') throw new ControlError(400, 'invalid_fault', 'errmsg must be a string');
    if (latencyMs !== undefined && (!Number.isInteger(latencyMs) || (latencyMs as number) < 0)) {
      throw new ControlError(400, 'invalid_fault', 'latencyMs must be a non-negative integer');
    }
    if (drop !== undefined && typeof drop !== 'boolean') throw new ControlError(400, 'invalid_fault', 'drop must be a boolean');
    if (errcode === undefined && latencyMs === undefined && drop !== true) {
      throw new ControlError(400, 'invalid_fault', 'a fault needs errcode, latencyMs or drop');
    }
    const fault = { path, count, errcode, errmsg, latencyMs, drop } as Fault;
    this.faults.push(fault);
    return fault;
  }

  list(): Fault[] {
    return this.faults.map((f) => ({ ...f }));
  }

  clear(): void {
    this.faults = [];
  }

  /** Takes one use of the first fault for this path, if any. */
  take(path: string): Fault | undefined {
    const fault = this.faults.find((f) => f.path === path);
    if (!fault) return undefined;
    fault.count -= 1;
    if (fault.count <= 0) this.faults = this.faults.filter((f) => f !== fault);
    return fault;
  }

  middleware() {
    return async (ctx: Context, next: Next): Promise<void> => {
      if (ctx.path.startsWith('/__emulator')) return next();
      const fault = this.take(ctx.path);
      if (!fault) return next();
      // Latency is real time on purpose: it exists to exercise the client's socket timeouts.
      if (fault.latencyMs) await new Promise((resolve) => setTimeout(resolve, fault.latencyMs));
      if (fault.drop) {
        ctx.respond = false;
        ctx.req.socket.destroy();
        return;
      }
      if (fault.errcode !== undefined) {
        return renderWeChatError(ctx, new EmulatorError(fault.errcode, fault.errmsg ?? defaultMessage(fault.errcode)));
      }
      return next();
    };
  }
}

const MESSAGES: Record<number, string> = {
  [-1]: 'system error',
  40001: 'invalid credential, access_token is invalid or not latest',
  40014: 'invalid access_token',
  42001: 'access_token expired',
  45009: 'reach max api daily quota limit',
  45011: 'api minute-quota reach limit',
  40164: 'invalid ip 127.0.0.1, not in whitelist',
};

function defaultMessage(errcode: number): string {
  return MESSAGES[errcode] ?? 'injected fault';
}

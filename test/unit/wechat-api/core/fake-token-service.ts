import pino, { type Logger } from 'pino';
import type { TokenFetcher, TokenMode } from '../../../../src/wechat-api/token-manager';

/**
 * WeChat's token endpoints reduced to what the manager relies on (§4.1): stable normal mode
 * returns the current token, force_refresh and classic mint a new one. `hold()` parks every fetch
 * until `release()`, so tests can line up concurrent callers behind one in-flight refresh.
 */
export class FakeTokenService {
  readonly calls: Array<{ mode: TokenMode; forceRefresh: boolean }> = [];
  current = 'TOKEN-1';
  expiresInSeconds = 7200;
  failNext: Error | null = null;
  private minted = 1;
  private gate: Promise<void> | null = null;
  private open: (() => void) | null = null;

  readonly fetch: TokenFetcher = async (request) => {
    this.calls.push(request);
    if (this.gate) await this.gate;
    if (this.failNext) {
      const err = this.failNext;
      this.failNext = null;
      throw err;
    }
    if (request.mode === 'classic' || request.forceRefresh) this.rotate();
    return { accessToken: this.current, expiresInSeconds: this.expiresInSeconds };
  };

  /** What another party (the MP console, another deployment) does when it force-refreshes. */
  rotate(): string {
    this.minted += 1;
    this.current = `TOKEN-${this.minted}`;
    return this.current;
  }

  hold(): void {
    this.gate = new Promise((resolve) => (this.open = resolve));
  }

  release(): void {
    this.open?.();
    this.gate = null;
  }

  get forced(): number {
    return this.calls.filter((c) => c.forceRefresh).length;
  }
}

/** A pino logger at debug level whose output lands in `lines`, for "never logged" checks. */
export function capturingLogger(): { logger: Logger; lines: string[] } {
  const lines: string[] = [];
  const logger = pino({ level: 'debug' }, { write: (line: string) => void lines.push(line) });
  return { logger, lines };
}

/** Lets every pending promise callback run (the manager's store calls are async even in memory). */
export const settle = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

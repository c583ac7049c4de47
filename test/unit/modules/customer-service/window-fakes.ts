import type { CustomMessageLike } from '../../../../src/modules/auto-reply/follow-up';
import type { CustomerServicePlatform } from '../../../../src/modules/customer-service/customer-service.ports';
import { CustomerServiceSender } from '../../../../src/modules/customer-service/cs-sender';
import { MemoryServiceWindowRepository } from '../../../../src/modules/customer-service/memory-windows';
import { windowFor } from '../../../../src/modules/customer-service/service-window';
import { ManualClock } from '../../../../src/shared/clock';
import { WeChatApiError } from '../../../../src/wechat-api/errors';

export const APP = 'wx1234567890abcdef';
export const FAN = 'oFan000000000000000000000001';
/** 2026-03-10T04:00:00Z */
export const T0 = Date.UTC(2026, 2, 10, 4);
export const HOUR = 3_600_000;

/**
 * WeChat's customer-service API as the sender sees it: records every call, and answers each with
 * the next scripted failure (an errcode, or any error), or success when the script is empty.
 */
export class FakePlatform implements CustomerServicePlatform {
  readonly calls: { appId: string; openid: string; message: CustomMessageLike; options?: { kfAccount?: string } }[] = [];
  readonly failures: (number | Error)[] = [];
  hasApi = true;

  async forAccount(appId: string) {
    if (!this.hasApi) return null;
    return {
      customService: {
        send: async (openid: string, message: CustomMessageLike, options?: { kfAccount?: string }) => {
          this.calls.push({ appId, openid, message, options });
          const failure = this.failures.shift();
          if (typeof failure === 'number') throw new WeChatApiError(failure, `errmsg ${failure}`, '/cgi-bin/message/custom/send');
          if (failure) throw failure;
        },
      },
    };
  }
}

export interface RecordedLogger {
  entries: { level: string; fields: Record<string, unknown>; msg: string }[];
}

/** A logger that keeps what it was told, for the tests that check a failure is logged. */
export function recordingLogger(): RecordedLogger & Record<'debug' | 'info' | 'warn' | 'error', (fields: Record<string, unknown>, msg: string) => void> {
  const entries: RecordedLogger['entries'] = [];
  const at = (level: string) => (fields: Record<string, unknown>, msg: string) => void entries.push({ level, fields, msg });
  return { entries, debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
}

/** The sender over a memory window store, a fake platform and a manual clock at T0. */
export function senderHarness() {
  const windows = new MemoryServiceWindowRepository();
  const platform = new FakePlatform();
  const clock = new ManualClock(T0);
  const logger = recordingLogger();
  const sender = new CustomerServiceSender({ windows, platform, clock, logger: logger as never });
  /** The follower writes (or taps, follows, scans) `ms` after T0. */
  const interact = (trigger: Parameters<typeof windowFor>[0] = 'message', ms = 0, openid = FAN) => windows.open(windowFor(trigger, APP, openid, new Date(T0 + ms)));
  return { windows, platform, clock, logger, sender, interact };
}

export const text = (content: string): CustomMessageLike => ({ type: 'text', content });

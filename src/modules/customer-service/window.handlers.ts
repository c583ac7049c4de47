import type { Logger } from '../../shared/logger';
import type { InboundKind } from '../../wechat';
import type { Handler, HandlerMap } from '../webhook';
import type { ServiceWindowRepository } from './customer-service.ports';
import { TRIGGER_KINDS, triggerOf, windowFor } from './service-window';


/**
 * Wraps the dispatch table so every message that opens WeChat's customer-service window opens ours
 * too, then answers as before (the kind's own entry, else `*`). The write is fire-and-forget: a slow
 * or failing store must not cost the follower the passive reply within WeChat's 5 s; a failure is
 * logged, and costs only refusals of sends WeChat would have allowed until the next interaction.
 *
 * The window starts at the message's CreateTime (WeChat's clock, when the follower acted), or now
 * if that is later: never after the real start, so our window never outlives WeChat's.
 */
export function withServiceWindows(handlers: HandlerMap, windows: ServiceWindowRepository, logger: Logger): HandlerMap {
  const wrap = (kind: InboundKind): Handler => (message, ctx) => {
    const trigger = triggerOf(message);
    if (trigger) {
      const appId = ctx.account.appId;
      const at = new Date(Math.min(message.createTime * 1000, ctx.now.getTime()));
      const open = async () => windows.open(windowFor(trigger, appId, message.fromUserName, at));
      void open().catch((err: unknown) => logger.warn({ err, appId, openid: message.fromUserName, trigger }, 'could not open the customer-service window'));
    }
    const next = handlers[kind] ?? handlers['*'];
    return next ? next(message, ctx) : null;
  };
  const wrapped: HandlerMap = { ...handlers };
  // The entries the wrapper must own, so no triggering message slips past it through `*`.
  for (const kind of TRIGGER_KINDS) wrapped[kind] = wrap(kind);
  return wrapped;
}

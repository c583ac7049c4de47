import type { Logger } from '../../shared/logger';
import type { Handler, HandlerMap } from '../webhook';
import type { FollowerService } from './followers.service';

type FollowerEvents = Pick<FollowerService, 'recordSubscribe' | 'recordUnsubscribe'>;

/**
 * Wraps the dispatch table so follows and unfollows are recorded, without taking over their reply:
 * the welcome message stays with whoever answered subscribe before (its own entry or `*`). The
 * record is fire-and-forget — a slow or failing store must not cost the follower the welcome
 * within WeChat's 5 s — and a failure is logged; the next sync repairs what it missed.
 */
export function withFollowerTracking(handlers: HandlerMap, followers: FollowerEvents, logger: Logger): HandlerMap {
  const fallThrough = (kind: 'event:subscribe' | 'event:unsubscribe'): Handler => (message, ctx) => {
    const next = handlers[kind] ?? handlers['*'];
    return next ? next(message, ctx) : null;
  };
  const record = (work: () => Promise<void>, what: string, appId: string, openid: string) => {
    void work().catch((err: unknown) => logger.warn({ err, appId, openid }, `could not record the ${what}; the next follower sync will`));
  };
  const onSubscribe = fallThrough('event:subscribe');
  const onUnsubscribe = fallThrough('event:unsubscribe');
  return {
    ...handlers,
    'event:subscribe': (message, ctx) => {
      if (message.kind === 'event:subscribe') record(() => followers.recordSubscribe(ctx.account.appId, message), 'follow', ctx.account.appId, message.fromUserName);
      return onSubscribe(message, ctx);
    },
    'event:unsubscribe': (message, ctx) => {
      if (message.kind === 'event:unsubscribe') {
        record(() => followers.recordUnsubscribe(ctx.account.appId, message.fromUserName, new Date(message.createTime * 1000)), 'unfollow', ctx.account.appId, message.fromUserName);
      }
      return onUnsubscribe(message, ctx);
    },
  };
}

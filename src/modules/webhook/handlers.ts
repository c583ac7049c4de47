import type { InboundKind, InboundMessage, Reply } from '../../wechat';
import type { Account } from '../accounts';

export interface HandlerContext {
  account: Account;
  now: Date;
}

/** Answers one inbound message: a passive reply, or null for none (the webhook then answers `success`). */
export type Handler = (message: InboundMessage, ctx: HandlerContext) => Promise<Reply | null> | Reply | null;

/**
 * The one dispatch table: keyed by the message's kind (`text`, `event:subscribe`, …), with `*` as the
 * fallback. Capabilities (auto-replies, service desk …) register here; nothing else branches on types.
 */
export type HandlerMap = Partial<Record<InboundKind | '*', Handler>>;

export function handlerFor(map: HandlerMap, message: InboundMessage): Handler | undefined {
  return map[message.kind] ?? map['*'];
}

export type BudgetResult =
  | { status: 'done'; reply: Reply | null }
  | { status: 'late'; later: Promise<Reply | null> }
  | { status: 'failed'; error: unknown };

/**
 * Runs the handler within the budget. Past it the caller answers `success` at once, and `later`
 * still settles with the reply so it can be delivered through the customer-service API.
 */
export async function runWithinBudget(handler: Handler, message: InboundMessage, ctx: HandlerContext, budgetMs: number): Promise<BudgetResult> {
  let result: ReturnType<Handler>;
  try {
    result = handler(message, ctx);
  } catch (error) {
    return { status: 'failed', error };
  }
  // Most handlers (rule matching) answer synchronously: no timer, no race on the hot path.
  if (!(result instanceof Promise)) return { status: 'done', reply: result };
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<'late'>((resolve) => {
    timer = setTimeout(() => resolve('late'), budgetMs);
  });
  try {
    const first = await Promise.race([result, late]);
    if (first === 'late') return { status: 'late', later: result };
    return { status: 'done', reply: first };
  } catch (error) {
    return { status: 'failed', error };
  } finally {
    clearTimeout(timer);
  }
}

import type { LoggedMessage, MessageQuery, MessagePage, PendingReply } from './messages';

export interface MessageRepository {
  insertMany(items: readonly LoggedMessage[]): Promise<void>;
  /** Stored rows newest first (by id), at most `limit`, filtered as the query says (type matches the message or its reply). */
  list(query: MessageQuery): Promise<MessagePage>;
}

/** Replies the webhook could not give within its budget, waiting for the customer-service API. */
export interface PendingReplyRepository {
  insert(reply: PendingReply): Promise<void>;
  listPending(appId: string, limit: number): Promise<PendingReply[]>;
  /**
   * Ends a pending reply: delivered through the customer-service API, or failed with the reason (the
   * window closed, no customer-service form …). Only a reply still pending changes: the first outcome
   * stays; an unknown id is no error.
   */
  markDone(id: string, outcome: { status: 'delivered' | 'failed'; reason: string | null; at: string }): Promise<void>;
  /**
   * Takes a pending reply for delivery until `until`, unless it is done or another run holds it (its
   * claim ends after `now`): true for the one caller that may send it, so overlapping delivery runs
   * never send one reply twice. A run that dies holding a claim loses it at `until`.
   */
  claim(id: string, until: string, now: string): Promise<boolean>;
}

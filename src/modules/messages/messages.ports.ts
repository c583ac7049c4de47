import type { LoggedMessage, MessageQuery, MessagePage, PendingReply } from './messages';

export interface MessageRepository {
  insertMany(items: readonly LoggedMessage[]): Promise<void>;
  /** Newest first (by id), filtered as the query says. */
  list(query: MessageQuery): Promise<MessagePage>;
}

/** Replies the webhook could not give within its budget, waiting for the customer-service API. */
export interface PendingReplyRepository {
  insert(reply: PendingReply): Promise<void>;
  listPending(appId: string, limit: number): Promise<PendingReply[]>;
}

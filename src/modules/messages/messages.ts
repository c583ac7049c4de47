/** One entry of the message log: an inbound callback or a reply we gave. */
export interface LoggedMessage {
  /** Sortable id: later entries have larger ids (see newMessageId). */
  id: string;
  appId: string;
  direction: 'in' | 'out';
  /** The follower's openid (sender of an inbound message, recipient of a reply). */
  openid: string;
  /** MsgType as WeChat names it (text, image, event, news …). */
  type: string;
  /** Event name for MsgType=event, as received (case kept); null otherwise. */
  event: string | null;
  /** ISO time we received (in) or gave (out) the message. */
  createdAt: string;
  /**
   * The message XML exactly as received (decrypted in compatible/safe mode) or sent. Kept as text so
   * logging costs the webhook nothing; the raw field map is parsed from it when someone reads the log.
   */
  xml: string;
  /**
   * The passive reply to this message, stored on the same row: one write instead of two on the
   * webhook's path. The log still shows it as its own `out` entry.
   */
  reply?: { type: string; xml: string } | null;
}

/** A log entry as the admin API shows it: every XML element as received, nested elements as objects, repeats as arrays, text as strings. */
export type MessageView = Omit<LoggedMessage, 'xml' | 'appId'> & { raw: Record<string, unknown> };

export interface MessageQuery {
  appId: string;
  openid?: string;
  type?: string;
  /** Inclusive ISO lower bound on createdAt. */
  since?: string;
  /** Exclusive ISO upper bound on createdAt. */
  until?: string;
  limit: number;
  /** Id of the last item of the previous page. */
  cursor?: string;
  /** Repository level: include the cursor's own row (its reply entry was the last one shown). */
  cursorInclusive?: boolean;
}

export interface MessagePage<T = LoggedMessage> {
  items: T[];
  nextCursor: string | null;
}

export interface PendingReply {
  id: string;
  appId: string;
  openid: string;
  /** The dedup key of the inbound message the reply answers. */
  inboundKey: string;
  /** The reply as the webhook's handler produced it (a wechat Reply object). */
  reply: unknown;
  reason: 'deadline';
  createdAt: string;
}

let lastMs = 0;
let seq = 0;
/**
 * Ids that sort by creation time within a process and never collide across processes:
 * 12 hex digits of milliseconds, a 4-hex-digit sequence within the millisecond, 8 random hex digits.
 * The log shows entries under these ids plus one digit: 0 for the message, 1 for its stored reply.
 */
export function newMessageId(nowMs: number): string {
  if (nowMs === lastMs) seq += 1;
  else {
    lastMs = nowMs;
    seq = 0;
  }
  const random = Math.floor(Math.random() * 0xffffffff).toString(16).padStart(8, '0');
  return nowMs.toString(16).padStart(12, '0') + (seq & 0xffff).toString(16).padStart(4, '0') + random;
}

/**
 * Auto-reply rules as operators configure them, per account. The shapes here are the contract
 * between the matching engine, the store, the admin API and the webhook handlers.
 *
 * Matching modes (of one keyword against a follower's text, after normalization — see normalize.ts):
 * - exact (全匹配): the whole message equals the keyword;
 * - contains (半匹配): the message contains the keyword (never the other way round);
 * - prefix: the message starts with the keyword;
 * - regex: a JavaScript regular expression, checked for catastrophic backtracking when saved and
 *   run under a time bound.
 */
export const matchModes = ['exact', 'contains', 'prefix', 'regex'] as const;
export type MatchMode = (typeof matchModes)[number];

export interface Keyword {
  text: string;
  mode: MatchMode;
}

export interface NewsArticleContent {
  title: string;
  description?: string;
  picUrl?: string;
  url?: string;
}

/** What a rule answers. Text may hold placeholders (see placeholders.ts). */
export type ReplyContent =
  | { type: 'text'; content: string }
  | { type: 'image'; mediaId: string }
  | { type: 'voice'; mediaId: string }
  | { type: 'video'; mediaId: string; title?: string; description?: string }
  | { type: 'music'; thumbMediaId: string; title?: string; description?: string; musicUrl?: string; hqMusicUrl?: string }
  /** 1 article when answering a follower's message, up to 8 for events (WeChat's rule, §3). */
  | { type: 'news'; articles: NewsArticleContent[] }
  /** Hand the conversation to customer service (optionally a specific agent). */
  | { type: 'transfer_customer_service'; kfAccount?: string };

/** When a rule is active, in the account's time zone. `end` before `start` wraps past midnight. */
export interface TimeWindow {
  /** 0 = Sunday … 6 = Saturday; all days when absent. */
  days?: number[];
  /** 'HH:MM', inclusive. */
  start: string;
  /** 'HH:MM', exclusive. */
  end: string;
}

export type Trigger =
  /** A follower's text (or voice recognition) matching any of the keywords. */
  | { kind: 'keyword'; keywords: Keyword[] }
  /** A follow; with `scene`, only follows through that QR scene (the value after qrscene_). */
  | { kind: 'subscribe'; scene?: string }
  /** A menu CLICK with this key. */
  | { kind: 'click'; key: string }
  /** A follower scanning a parametric QR code with this scene (SCAN event, already following). */
  | { kind: 'scan'; scene: string }
  /** Any other event by its name as on the wire (e.g. 'LOCATION', 'scancode_waitmsg'), optionally its EventKey. */
  | { kind: 'event'; event: string; key?: string }
  /** Nothing else matched a follower's message. */
  | { kind: 'default' };

export interface AutoReplyRule {
  id: string;
  appId: string;
  name: string;
  trigger: Trigger;
  /** 1..N replies. */
  replies: ReplyContent[];
  /** all: every reply (the first passively, the rest through the customer-service API); random: one at random. */
  replyMode: 'all' | 'random';
  /** Higher wins. Ties: the more specific match, then the older rule. */
  priority: number;
  enabled: boolean;
  /** Empty = always active. */
  activeWindows: TimeWindow[];
  /** For the default rule: the same follower gets it at most once per this many minutes (0 = every time). */
  cooldownMinutes: number;
  createdAt: string;
  updatedAt: string;
}

import type { InboundEvent } from './events';

/**
 * The common header of every callback (§2.1), as the domain sees it. Every InboundMessage variant
 * extends this; inbound.ts fills it.
 */
export interface MessageBase {
  /** The account's original id (`gh_…`). */
  toUserName: string;
  /** The sender's openid (for job-finish events, the mass-send helper's id). */
  fromUserName: string;
  /** Unix seconds. */
  createTime: number;
  /** MsgType as received. */
  msgType: string;
  /** Event as received, or null for normal messages. */
  event: string | null;
  /** MsgId or MsgID, always a string: the ids exceed 2^53. Null when the callback has none. */
  msgId: string | null;
  /** EventKey; empty, missing and nil all become null. Always null for normal messages. */
  eventKey: string | null;
  /** The parseXml field map exactly as received, PascalCase keys and all. */
  raw: Record<string, unknown>;
}

/** What a variant adds to the header; inbound.ts builders return this and merge it in. */
export type VariantFields<T> = T extends MessageBase ? Omit<T, keyof MessageBase> : never;

/** Present when a message originates from an article (Idx is 1-based). */
interface ArticleOrigin {
  msgDataId: string | null;
  idx: number | null;
}

export interface TextMessage extends MessageBase, ArticleOrigin {
  kind: 'text';
  content: string;
  /** Set when the follower tapped a msgmenu option; `content` is then the option's text. */
  bizMsgMenuId: string | null;
}

export interface ImageMessage extends MessageBase, ArticleOrigin {
  kind: 'image';
  picUrl: string;
  mediaId: string;
}

export interface VoiceMessage extends MessageBase {
  kind: 'voice';
  mediaId: string;
  format: string;
  /** Speech-to-text, only when recognition is switched on for the account. */
  recognition: string | null;
  mediaId16K: string | null;
}

export interface VideoMessage extends MessageBase {
  kind: 'video' | 'shortvideo';
  mediaId: string;
  thumbMediaId: string;
}

export interface LocationMessage extends MessageBase {
  kind: 'location';
  /** Location_X: latitude. */
  locationX: number | null;
  /** Location_Y: longitude. */
  locationY: number | null;
  scale: number | null;
  label: string;
}

export interface LinkMessage extends MessageBase {
  kind: 'link';
  title: string;
  description: string;
  url: string;
}

/** Mini-program card, seen in customer-service contexts. */
export interface MiniProgramPageMessage extends MessageBase {
  kind: 'miniprogrampage';
  title: string;
  appId: string;
  pagePath: string;
  thumbUrl: string | null;
  thumbMediaId: string | null;
}

/** Any MsgType or Event we do not model. Kept, never rejected: `raw` has every field. */
export interface UnknownMessage extends MessageBase {
  kind: 'unknown';
}

export type NormalMessage =
  | TextMessage
  | ImageMessage
  | VoiceMessage
  | VideoMessage
  | LocationMessage
  | LinkMessage
  | MiniProgramPageMessage;

/**
 * Inbound callbacks as the domain sees them (§2): camelCase, typed, quirks already normalized by
 * inbound.ts. `kind` is the discriminant: the MsgType for normal messages, `event:<Event>` with the
 * Event exactly as on the wire for known events, `unknown` for anything else.
 */
export type InboundMessage = NormalMessage | InboundEvent | UnknownMessage;

export type InboundKind = InboundMessage['kind'];

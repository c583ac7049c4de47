import type { AutoReplyRule, Keyword, MatchMode, Trigger } from '../../../../src/modules/auto-reply/auto-reply';
import type { MatchContext } from '../../../../src/modules/auto-reply/engine.contract';
import type { InboundMessage } from '../../../../src/wechat';

let seq = 0;

/** A rule answering with one text reply named after it, so tests can see which rule answered. */
export function rule(name: string, trigger: Trigger, extra: Partial<AutoReplyRule> = {}): AutoReplyRule {
  seq++;
  return {
    id: `r${String(seq).padStart(5, '0')}`,
    appId: 'wx0000000000000001',
    name,
    trigger,
    replies: [{ type: 'text', content: name }],
    replyMode: 'all',
    priority: 0,
    enabled: true,
    activeWindows: [],
    cooldownMinutes: 0,
    createdAt: new Date(Date.UTC(2026, 0, 1) + seq * 1000).toISOString(),
    updatedAt: '2026-01-01T00:00:00.000Z',
    ...extra,
  };
}

export const kw = (text: string, mode: MatchMode = 'exact'): Keyword => ({ text, mode });
export const keywordRule = (name: string, keywords: Keyword[], extra: Partial<AutoReplyRule> = {}) =>
  rule(name, { kind: 'keyword', keywords }, extra);

const base = { toUserName: 'gh_0123456789ab', fromUserName: 'oUser1', createTime: 1700000000, msgId: null, eventKey: null, raw: {} };

export const text = (content: string): InboundMessage =>
  ({ ...base, kind: 'text', msgType: 'text', event: null, msgId: '1', content, bizMsgMenuId: null, msgDataId: null, idx: null });

export const voice = (recognition: string | null): InboundMessage =>
  ({ ...base, kind: 'voice', msgType: 'voice', event: null, msgId: '2', mediaId: 'm', format: 'amr', recognition, mediaId16K: null });

export const image = (): InboundMessage =>
  ({ ...base, kind: 'image', msgType: 'image', event: null, msgId: '3', picUrl: 'http://x', mediaId: 'm', msgDataId: null, idx: null });

export function event(name: string, eventKey: string | null = null, extra: Record<string, unknown> = {}): InboundMessage {
  return { ...base, kind: `event:${name}`, msgType: 'event', event: name, eventKey, ...extra } as unknown as InboundMessage;
}

export const subscribe = (scene: string | null) =>
  event('subscribe', scene === null ? null : `qrscene_${scene}`, { scene, ticket: scene === null ? null : 't' });

/** 2026-01-07 is a Wednesday; 04:00 UTC is 12:00 in Asia/Shanghai. */
export const ctx = (over: Partial<MatchContext> = {}): MatchContext => ({ now: new Date('2026-01-07T04:00:00Z'), timeZone: 'Asia/Shanghai', ...over });

import type { InboundKind, InboundMessage } from '../../wechat';
import { WINDOW_RULES, type ServiceWindow, type WindowTrigger } from './customer-service';

/**
 * WeChat's customer-service window as pure rules (protocol doc §6.1): what opens one, the window a
 * trigger gives, and what the agent is shown about it. The store keeps the window (take/giveBack);
 * these functions only read it.
 */

/** A follower's own message (MsgType ≠ event) gives 5 messages in 48 h; these are also what a person can answer. */
export const FOLLOWER_MESSAGE_KINDS = ['text', 'image', 'voice', 'video', 'shortvideo', 'location', 'link'] as const satisfies readonly InboundKind[];
const MESSAGE_KINDS: ReadonlySet<InboundKind> = new Set<InboundKind>(FOLLOWER_MESSAGE_KINDS);

/**
 * Events that open a window. Only click, scancode_push and scancode_waitmsg among menu taps: WeChat
 * names exactly these; a VIEW (opening a link) or a picture/location picker does not count.
 */
const EVENT_TRIGGERS: Partial<Record<InboundKind, WindowTrigger>> = {
  'event:CLICK': 'menu',
  'event:scancode_push': 'menu',
  'event:scancode_waitmsg': 'menu',
  'event:subscribe': 'follow',
  'event:SCAN': 'scan',
};

/** Every kind triggerOf answers for. */
export const TRIGGER_KINDS: readonly InboundKind[] = [...FOLLOWER_MESSAGE_KINDS, ...(Object.keys(EVENT_TRIGGERS) as InboundKind[])];

/** Which window the inbound message opens, or null when it opens none. */
export function triggerOf(message: InboundMessage): WindowTrigger | null {
  if (MESSAGE_KINDS.has(message.kind)) return 'message';
  return EVENT_TRIGGERS[message.kind] ?? null;
}

/** The fresh window `trigger` gives at `at` (nothing used yet). */
export function windowFor(trigger: WindowTrigger, appId: string, openid: string, at: Date): ServiceWindow {
  const rule = WINDOW_RULES[trigger];
  return {
    appId, openid, trigger,
    openedAt: at.toISOString(),
    expiresAt: new Date(at.getTime() + rule.ms).toISOString(),
    limit: rule.limit,
    used: 0,
  };
}

/** Why no message may go out now, in the words an agent reads, and the errcode WeChat would answer. */
export interface WindowRefusal {
  code: 'window_closed' | 'quota_used';
  errcode: 45015 | 45047;
  reason: string;
}

const WHAT: Record<WindowTrigger, string> = { message: 'message', menu: 'menu tap', follow: 'follow', scan: 'QR code scan' };

/** "48-hour", "1-minute": the length of the trigger's window. */
function span(trigger: WindowTrigger): string {
  const { ms } = WINDOW_RULES[trigger];
  return ms % 3_600_000 === 0 ? `${ms / 3_600_000}-hour` : `${Math.round(ms / 60_000)}-minute`;
}

/** Null when a message may go out at `now`; otherwise why not. */
export function refusalOf(window: ServiceWindow | null, now: Date): WindowRefusal | null {
  if (!window) {
    return {
      code: 'window_closed', errcode: 45015,
      reason: 'the follower has not written, tapped the menu, followed or scanned a QR code, so no customer-service window is open',
    };
  }
  if (window.expiresAt <= now.toISOString()) {
    return {
      code: 'window_closed', errcode: 45015,
      reason: `the ${span(window.trigger)} window closed at ${window.expiresAt} (the follower's last ${WHAT[window.trigger]} was at ${window.openedAt})`,
    };
  }
  if (window.used >= window.limit) {
    return {
      code: 'quota_used', errcode: 45047,
      reason: `the ${window.limit} messages of this window are used (it opened with the follower's ${WHAT[window.trigger]} at ${window.openedAt} and ends at ${window.expiresAt})`,
    };
  }
  return null;
}

/** What the agent sees before replying: whether the window is open, messages left, when it ends. */
export function windowState(window: ServiceWindow | null, now: Date): { open: boolean; left: number; endsAt: string | null; reason?: string } {
  const refusal = refusalOf(window, now);
  if (!window || refusal) return { open: false, left: 0, endsAt: window?.expiresAt ?? null, reason: refusal?.reason };
  return { open: true, left: window.limit - window.used, endsAt: window.expiresAt };
}

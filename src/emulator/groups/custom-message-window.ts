import { EmulatorError, type FanActivity } from '../core/contract';

/**
 * The customer-service interaction window of §6.1 (rules since 2023-06-12), per follower:
 * a message opens 5 sends for 48 h; a click-type menu tap, a follow or a QR scan opens 3 sends
 * for 1 min. Windows do not add up: every new trigger replaces the current one with its own
 * maximum (the doc states this for mini-programs; assumed for accounts too). Typing (§6.2) needs
 * an interaction within 30 s and cannot be re-sent while it lasts (15 s).
 */
export interface ServiceWindow {
  trigger: 'message' | 'click' | 'subscribe' | 'scan';
  openedAt: number;
  expiresAt: number;
  remaining: number;
}

const HOUR = 3600;
const GRANTS: Record<ServiceWindow['trigger'], { count: number; seconds: number }> = {
  message: { count: 5, seconds: 48 * HOUR },
  click: { count: 3, seconds: 60 },
  subscribe: { count: 3, seconds: 60 },
  scan: { count: 3, seconds: 60 },
};
/** Only these menu taps open a window (VIEW and the picture/location pickers do not). */
const WINDOW_MENU_TYPES = new Set(['click', 'scancode_push', 'scancode_waitmsg']);
export const TYPING_NEEDS_INTERACTION_WITHIN = 30;
export const TYPING_LASTS = 15;

const key = (appId: string, openid: string): string => `${appId}\u0000${openid}`;

export class ServiceWindows {
  private readonly windows = new Map<string, ServiceWindow>();
  private readonly lastInteraction = new Map<string, number>();
  private readonly typingUntil = new Map<string, number>();

  /** The onActivity listener. */
  observe(appId: string, openid: string, activity: FanActivity): void {
    const k = key(appId, openid);
    if (activity.kind === 'unsubscribe') {
      this.windows.delete(k);
      this.typingUntil.delete(k);
      return;
    }
    if (activity.kind === 'view' || (activity.kind === 'click' && !WINDOW_MENU_TYPES.has(activity.menuType))) return;
    // Seeding records follows back-dated; an older trigger never replaces a newer window.
    const current = this.windows.get(k);
    if (current && current.openedAt > activity.at) return;
    const grant = GRANTS[activity.kind];
    this.windows.set(k, { trigger: activity.kind, openedAt: activity.at, expiresAt: activity.at + grant.seconds, remaining: grant.count });
    this.touch(appId, openid, activity.at);
  }

  window(appId: string, openid: string): ServiceWindow | undefined {
    const w = this.windows.get(key(appId, openid));
    return w ? { ...w } : undefined;
  }

  /** Throws 45015 outside the window and 45047 when its count is used up. */
  check(appId: string, openid: string, now: number): ServiceWindow {
    const w = this.windows.get(key(appId, openid));
    if (!w || now >= w.expiresAt) throw new EmulatorError(45015, 'response out of time limit or subscription is canceled');
    if (w.remaining <= 0) throw new EmulatorError(45047, 'out of response count limit');
    return w;
  }

  /** One message sent: counts it, ends any typing indicator and marks the interaction. */
  consume(appId: string, openid: string, now: number): void {
    this.check(appId, openid, now).remaining -= 1;
    this.typingUntil.delete(key(appId, openid));
    this.touch(appId, openid, now);
  }

  /** §6.2: 45080 without an interaction in the last 30 s, 45081 while already typing. */
  startTyping(appId: string, openid: string, now: number): void {
    this.check(appId, openid, now);
    const k = key(appId, openid);
    const last = this.lastInteraction.get(k);
    if (last === undefined || now - last > TYPING_NEEDS_INTERACTION_WITHIN) {
      throw new EmulatorError(45080, 'typing needs an interaction with the user in the last 30 seconds');
    }
    if ((this.typingUntil.get(k) ?? 0) > now) throw new EmulatorError(45081, 'already typing');
    this.typingUntil.set(k, now + TYPING_LASTS);
  }

  cancelTyping(appId: string, openid: string): void {
    this.typingUntil.delete(key(appId, openid));
  }

  isTyping(appId: string, openid: string, now: number): boolean {
    return (this.typingUntil.get(key(appId, openid)) ?? 0) > now;
  }

  private touch(appId: string, openid: string, at: number): void {
    const k = key(appId, openid);
    this.lastInteraction.set(k, Math.max(this.lastInteraction.get(k) ?? 0, at));
  }
}

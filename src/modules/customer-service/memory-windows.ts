import type { ServiceWindow } from './customer-service';
import type { ServiceWindowRepository } from './customer-service.ports';

/**
 * The service-window repository contract in a Map, for unit tests and nothing else (it forgets on
 * restart and knows one process). Each method does its whole work before its first await, so
 * concurrent takes cannot pass the limit together, as the stores' single statements guarantee.
 */
export class MemoryServiceWindowRepository implements ServiceWindowRepository {
  private readonly rows = new Map<string, ServiceWindow>();

  async open(window: ServiceWindow): Promise<void> {
    const current = this.rows.get(key(window.appId, window.openid));
    // An older trigger arriving late (callbacks handled out of order) does not replace a newer window.
    if (current && current.openedAt > window.openedAt) return;
    this.rows.set(key(window.appId, window.openid), { ...window });
  }

  async get(appId: string, openid: string): Promise<ServiceWindow | null> {
    const w = this.rows.get(key(appId, openid));
    return w ? { ...w } : null;
  }

  async take(appId: string, openid: string, now: string): Promise<ServiceWindow | null> {
    const w = this.rows.get(key(appId, openid));
    if (!w || w.used >= w.limit || w.expiresAt <= now) return null;
    w.used += 1;
    return { ...w };
  }

  async giveBack(appId: string, openid: string, openedAt: string): Promise<void> {
    const w = this.rows.get(key(appId, openid));
    if (w && w.openedAt === openedAt && w.used > 0) w.used -= 1;
  }
}

const key = (appId: string, openid: string): string => `${appId}\u0000${openid}`;

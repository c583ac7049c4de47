import { ConversationService } from '../../../../src/modules/customer-service/conversations';
import { DEFAULT_DESK_SETTINGS, type DeskSettings } from '../../../../src/modules/customer-service/customer-service';
import { MemoryConversationRepository, MemorySlaEventRepository } from '../../../../src/modules/customer-service/memory-conversations';
import { ManualClock } from '../../../../src/shared/clock';
import { silentLogger } from '../../../../src/shared/logger';

export const APP = 'wx1234567890abcdef';
export const OTHER_APP = 'wx0000000000000000';
export const ZONE = 'Asia/Shanghai';
/** Monday 2026-03-02 09:00 in Shanghai. */
export const START = Date.parse('2026-03-02T01:00:00.000Z');
export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;

export const iso = (ms: number): string => new Date(ms).toISOString();

/** A service over in-memory stores, a held clock and numbered ids; settings per account may be overridden. */
export function deskWorld(settingsByApp: Record<string, Partial<DeskSettings>> = {}) {
  const repo = new MemoryConversationRepository();
  const events = new MemorySlaEventRepository();
  const clock = new ManualClock(START);
  let n = 0;
  const newId = (): string => `id-${String(++n).padStart(4, '0')}`;
  const settings = async (appId: string): Promise<DeskSettings> =>
    ({ ...DEFAULT_DESK_SETTINGS, appId, updatedAt: iso(START), ...settingsByApp[appId] });
  const service = new ConversationService({ repo, settings, timeZone: async () => ZONE, clock, logger: silentLogger, newId });
  /** A follower's text message at the clock's time (or `at`). */
  const message = (text: string, msgId: string | null, at: number = clock.now().getTime()) => ({ msgId, kind: 'text', text, at: new Date(at) });
  return { repo, events, clock, newId, settings, service, message };
}

import { EmulatorError, type Follower } from '../core/contract';
import { DEFAULT_PLATFORM, type AccountMenus, type StoredMatchRule, type StoredMenu } from './menu-state';

/** Retired for privacy (§5): any non-empty value is refused with 65320. */
const RETIRED = ['sex', 'country', 'province', 'city', 'language', 'group_id'];
const PLATFORMS = new Set(['1', '2', '3']);

const present = (v: unknown): boolean => v !== undefined && v !== null && v !== '';

/** Validates a matchrule and keeps its two live fields as strings (WeChat's own representation). */
export function validateMatchRule(raw: unknown): StoredMatchRule {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) throw new EmulatorError(65304, 'match rule empty');
  const r = raw as Record<string, unknown>;
  const retired = RETIRED.filter((f) => present(r[f]));
  if (retired.length > 0) throw new EmulatorError(65320, `matchrule field ${retired.join(', ')} is no longer supported (privacy)`);
  const rule: StoredMatchRule = {};
  if (present(r.tag_id)) {
    const tag = String(r.tag_id);
    if (!/^\d+$/.test(tag) || (typeof r.tag_id !== 'string' && typeof r.tag_id !== 'number')) throw new EmulatorError(45159, 'invalid tag_id');
    rule.tag_id = tag;
  }
  if (present(r.client_platform_type)) {
    const platform = String(r.client_platform_type);
    if (!PLATFORMS.has(platform)) throw new EmulatorError(47001, 'data format error, client_platform_type must be 1, 2 or 3');
    rule.client_platform_type = platform;
  }
  if (rule.tag_id === undefined && rule.client_platform_type === undefined) throw new EmulatorError(65304, 'match rule empty');
  return rule;
}

/**
 * The menu a follower sees: conditional menus newest-first, matched on the LAST tag applied and
 * the phone's platform; the default menu when none matches.
 */
export function menuFor(state: AccountMenus, follower: Follower): StoredMenu | null {
  const lastTag = follower.tagIds.length > 0 ? String(follower.tagIds[follower.tagIds.length - 1]) : null;
  const platform = state.platforms.get(follower.openid) ?? DEFAULT_PLATFORM;
  for (let i = state.conditional.length - 1; i >= 0; i--) {
    const menu = state.conditional[i]!;
    const rule = menu.matchrule ?? {};
    if (rule.tag_id !== undefined && rule.tag_id !== lastTag) continue;
    if (rule.client_platform_type !== undefined && rule.client_platform_type !== platform) continue;
    return menu;
  }
  return state.default;
}

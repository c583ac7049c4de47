import { normalizeText } from '../auto-reply/normalize';
import type { Agent, Conversation, DeskSettings, SkillGroup } from './customer-service';

/** What routing needs to know about a new conversation. */
export interface RoutedConversation {
  appId: string;
  /** The follower's message that opened it. */
  firstText: string;
  /** The follower's tags. */
  tagIds: readonly number[];
  /** The menu key of the click that started it, if one did. */
  menuKey: string | null;
}

export interface RoutingInput {
  settings: Pick<DeskSettings, 'mode' | 'strategy' | 'skillGroups'>;
  conversation: RoutedConversation;
  agents: readonly Agent[];
  /** Conversations each agent holds now (absent: none). */
  loads: Readonly<Record<string, number>>;
}

/** agentId null: nobody is free, the conversation waits in the queue (of skillGroup, when one is set). */
export interface RoutingChoice {
  agentId: string | null;
  skillGroup: string | null;
  reason: string;
}

/**
 * Who gets a new conversation. Eligible agents serve the account, are online and hold fewer than
 * their maxLoad; in native mode they also need a kf account (WeChat can only transfer to one).
 * Pure: the caller reads agents and loads, and records the assignment (markAssigned) itself.
 */
export function chooseAgent({ settings, conversation, agents, loads }: RoutingInput): RoutingChoice {
  const serving = agents.filter((a) => a.appIds.includes(conversation.appId) && (settings.mode !== 'native' || a.kfAccount !== null));
  const eligible = serving.filter((a) => isFree(a, loadOf(loads, a)));
  if (settings.strategy === 'round_robin') return pick(eligible.sort(byLeastRecent)[0], null, 'round_robin: the free agent assigned least recently');
  if (settings.strategy === 'least_loaded') return pick(eligible.sort(byLoad(loads))[0], null, 'least_loaded: the free agent holding the fewest');

  const group = matchSkillGroup(settings.skillGroups, conversation);
  if (!group) return pick(eligible.sort(byLoad(loads))[0], null, 'skills: no group matched, the free agent holding the fewest');
  // A group nobody serving the account belongs to could never take its queue: route as if no group matched.
  if (!serving.some((a) => a.skills.includes(group.name))) {
    return pick(eligible.sort(byLoad(loads))[0], null, `skills: group ${group.name} has no agent, the free agent holding the fewest`);
  }
  const skilled = eligible.filter((a) => a.skills.includes(group.name)).sort(byLoad(loads))[0];
  return pick(skilled, group.name, `skills: group ${group.name}, its free agent holding the fewest`);
}

/**
 * The first group (in the settings' order) the conversation belongs to: a keyword in its first
 * message (compared as auto-reply compares them: NFKC, lower case), a tag the follower has, or the
 * menu key it began with.
 */
export function matchSkillGroup(groups: readonly SkillGroup[], conversation: RoutedConversation): SkillGroup | null {
  const text = normalizeText(conversation.firstText);
  const inText = (keyword: string): boolean => {
    const k = normalizeText(keyword);
    return k !== '' && text.includes(k);
  };
  return groups.find((g) => g.keywords.some(inText)
    || g.tagIds.some((t) => conversation.tagIds.includes(t))
    || (conversation.menuKey !== null && g.menuKeys.includes(conversation.menuKey))) ?? null;
}

/** A conversation waiting for an agent, as nextFromQueue reads it. */
export type QueuedConversation = Pick<Conversation, 'id' | 'appId' | 'mode' | 'skillGroup' | 'waitingSince' | 'openedAt'>;

/**
 * Which waiting conversation an agent who just became free (came online, or closed one) should take:
 * the longest waiting one of an account the agent serves, whose skill group (if any) the agent has.
 * Null when the agent is not free or nothing fits. Pure over the waiting list the caller read.
 */
export function nextFromQueue<T extends QueuedConversation>({ agent, load, waiting }: { agent: Agent; load: number; waiting: readonly T[] }): T | null {
  if (!isFree(agent, load)) return null;
  const fits = waiting.filter((c) => agent.appIds.includes(c.appId)
    && (c.skillGroup === null || agent.skills.includes(c.skillGroup))
    && (c.mode !== 'native' || agent.kfAccount !== null));
  return fits.sort((a, b) => cmp(a.waitingSince ?? a.openedAt, b.waitingSince ?? b.openedAt) || cmp(a.id, b.id))[0] ?? null;
}

/** Online and holding fewer than the agent's maximum. */
export function isFree(agent: Agent, load: number): boolean {
  return agent.status === 'online' && load < agent.maxLoad;
}

const loadOf = (loads: Readonly<Record<string, number>>, a: Agent): number => loads[a.id] ?? 0;

const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** Never assigned first (''), then the oldest assignment; the id breaks ties so the order is total. */
const byLeastRecent = (a: Agent, b: Agent): number => cmp(a.lastAssignedAt ?? '', b.lastAssignedAt ?? '') || cmp(a.id, b.id);

const byLoad = (loads: Readonly<Record<string, number>>) => (a: Agent, b: Agent): number => loadOf(loads, a) - loadOf(loads, b) || byLeastRecent(a, b);

function pick(agent: Agent | undefined, skillGroup: string | null, why: string): RoutingChoice {
  if (agent) return { agentId: agent.id, skillGroup, reason: why };
  return { agentId: null, skillGroup, reason: skillGroup ? `nobody in group ${skillGroup} is free: the conversation waits` : 'nobody is free: the conversation waits' };
}

import type { Agent, DeskSettings } from '../../../../src/modules/customer-service/customer-service';
import { chooseAgent, nextFromQueue } from '../../../../src/modules/customer-service/routing';

/**
 * A desk in a test: conversations arrive one a minute, each is held for its handling time and then
 * closed, agents may come online along the way. Routing is the real chooseAgent / nextFromQueue;
 * everything around it (loads, the queue, lastAssignedAt) is kept here as the conversation service
 * keeps it, and every assignment is logged with the loads it saw, so tests check the rules from the log.
 */

export const APP = 'wx1234567890abcdef';
const BASE = Date.UTC(2026, 2, 1, 1, 0, 0);
const MINUTE = 60_000;

export interface Arrival {
  firstText: string;
  tagIds: number[];
  menuKey: string | null;
  /** Minutes the agent holds it once assigned. */
  handleMinutes: number;
}

export interface Assignment {
  conversation: number;
  agentId: string;
  skillGroup: string | null;
  /** Loads just before this assignment. */
  loadsBefore: Record<string, number>;
  fromQueue: boolean;
}

export interface Queued {
  conversation: number;
  skillGroup: string | null;
  /** Loads when it was queued, and who was online then. */
  loads: Record<string, number>;
  online: string[];
}

export interface SimulationLog {
  assignments: Assignment[];
  queued: Queued[];
  /** Loads after every event (a close, a hand-out, an arrival). */
  snapshots: Record<string, number>[];
  agents: Agent[];
}

interface Open {
  conversation: number;
  agentId: string;
  closesAt: number;
}

interface Waiting {
  id: string;
  conversation: number;
  appId: string;
  mode: 'desk';
  skillGroup: string | null;
  waitingSince: string;
  openedAt: string;
}

export function agent(id: string, over: Partial<Agent> = {}): Agent {
  return {
    id, name: id, appIds: [APP], skills: [], maxLoad: 10, status: 'online', kfAccount: null, lastAssignedAt: null,
    createdAt: new Date(BASE).toISOString(), updatedAt: new Date(BASE).toISOString(), ...over,
  };
}

export function simulate(input: {
  settings: Pick<DeskSettings, 'mode' | 'strategy' | 'skillGroups'>;
  agents: Agent[];
  arrivals: Arrival[];
  /** Minute → agent ids coming online then. */
  comeOnline?: Record<number, string[]>;
}): SimulationLog {
  const agents = new Map(input.agents.map((a) => [a.id, { ...a }]));
  const loads: Record<string, number> = Object.fromEntries(input.agents.map((a) => [a.id, 0]));
  const log: SimulationLog = { assignments: [], queued: [], snapshots: [], agents: [] };
  let open: Open[] = [];
  const waiting: Waiting[] = [];
  let clockMs = BASE;
  // Every event gets its own instant, a millisecond apart, so "least recent" is never a tie of times.
  const tick = (minute: number): string => new Date((clockMs = Math.max(clockMs + 1, BASE + minute * MINUTE))).toISOString();
  const snapshot = () => log.snapshots.push({ ...loads });

  const assign = (conversation: number, agentId: string, skillGroup: string | null, minute: number, fromQueue: boolean) => {
    log.assignments.push({ conversation, agentId, skillGroup, loadsBefore: { ...loads }, fromQueue });
    loads[agentId] = (loads[agentId] ?? 0) + 1;
    agents.get(agentId)!.lastAssignedAt = tick(minute);
    open.push({ conversation, agentId, closesAt: minute + input.arrivals[conversation]!.handleMinutes });
    snapshot();
  };
  // What the conversation service does when an agent frees up: hand out from the queue while it can.
  const drainTo = (agentId: string, minute: number) => {
    for (;;) {
      const next = nextFromQueue({ agent: agents.get(agentId)!, load: loads[agentId] ?? 0, waiting });
      if (!next) return;
      waiting.splice(waiting.indexOf(next), 1);
      assign(next.conversation, agentId, next.skillGroup, minute, true);
    }
  };
  const step = (minute: number) => {
    for (const id of input.comeOnline?.[minute] ?? []) {
      agents.get(id)!.status = 'online';
      drainTo(id, minute);
    }
    const closing = open.filter((o) => o.closesAt <= minute).sort((a, b) => a.closesAt - b.closesAt || a.conversation - b.conversation);
    open = open.filter((o) => o.closesAt > minute);
    for (const c of closing) {
      loads[c.agentId]! -= 1;
      snapshot();
      drainTo(c.agentId, minute);
    }
  };

  input.arrivals.forEach((arrival, i) => {
    step(i);
    const choice = chooseAgent({ settings: input.settings, conversation: { appId: APP, ...arrival }, agents: [...agents.values()], loads });
    if (choice.agentId) {
      assign(i, choice.agentId, choice.skillGroup, i, false);
    } else {
      const at = tick(i);
      waiting.push({ id: `c${String(i).padStart(4, '0')}`, conversation: i, appId: APP, mode: 'desk', skillGroup: choice.skillGroup, waitingSince: at, openedAt: at });
      const online = [...agents.values()].filter((a) => a.status === 'online').map((a) => a.id);
      log.queued.push({ conversation: i, skillGroup: choice.skillGroup, loads: { ...loads }, online });
      snapshot();
    }
  });
  // No more arrivals: time runs on until everything was handed out and closed.
  for (let minute = input.arrivals.length; open.length > 0 || waiting.length > 0; minute++) {
    if (minute > input.arrivals.length + 100_000) throw new Error(`the queue never drained: ${waiting.length} waiting`);
    step(minute);
  }
  log.agents = [...agents.values()];
  return log;
}

/** A small deterministic generator (mulberry32), so a simulation is the same on every run. */
export function seeded(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** Assignments per agent. */
export function countsOf(log: SimulationLog): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const a of log.assignments) counts[a.agentId] = (counts[a.agentId] ?? 0) + 1;
  return counts;
}

export const spread = (values: number[]): number => Math.max(...values) - Math.min(...values);

import type { Clock } from '../../shared/clock';
import { definedOnly } from '../../shared/field-problems';
import { ConflictError, NotFoundError } from '../../shared/errors';
import type { Conversation } from './customer-service';
import type { ConversationRepository } from './customer-service.ports';

export type ConversationPatch = Partial<Omit<Conversation, 'id' | 'appId' | 'openid' | 'updatedAt'>>;

/** How often a compare-and-set is tried before giving up: each retry means another writer won, so a few suffice. */
const MAX_ATTEMPTS = 10;

/**
 * Read, decide, compare-and-set, and again on a conflict: the one way this capability writes a
 * conversation, so two callbacks, an agent and the sweep can change one at the same time without
 * losing each other's changes. `decide` sees the fresh conversation each time and answers the
 * patch, or null for "nothing to change". Answers the conversation as written (or as found).
 */
export async function changeConversation(
  repo: ConversationRepository,
  clock: Clock,
  id: string,
  decide: (c: Conversation) => ConversationPatch | null | Promise<ConversationPatch | null>,
): Promise<Conversation> {
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt += 1) {
    const current = await repo.get(id);
    if (!current) throw new NotFoundError(`conversation ${id} not found`, { id });
    const patch = await decide(current);
    const given = definedOnly(patch ?? {});
    // A patch that changes nothing (a replayed event) is no write: the stamp stays, nobody else's compare-and-set fails.
    if (!Object.entries(given).some(([k, v]) => current[k as keyof Conversation] !== v)) return current;
    const updatedAt = nextStamp(current.updatedAt, clock.now());
    if (await repo.update(id, current.updatedAt, { ...given, updatedAt })) return { ...current, ...given, updatedAt };
  }
  throw new ConflictError(`conversation ${id} kept changing under this write; try again`, { id });
}

/**
 * The stamp a write leaves: now, but always later than the one it replaces. Two writes in one
 * millisecond (or under a clock a test holds still) must not leave equal stamps, or a writer that
 * read the first would pass the compare-and-set against the second.
 */
export function nextStamp(previous: string, now: Date): string {
  const prev = Date.parse(previous);
  return now.getTime() > prev ? now.toISOString() : new Date(prev + 1).toISOString();
}

/** The last message either way: what inactivity is measured from. */
export const lastActivityAt = (c: Pick<Conversation, 'lastFollowerAt' | 'lastAgentAt'>): string =>
  c.lastAgentAt !== null && c.lastAgentAt > c.lastFollowerAt ? c.lastAgentAt : c.lastFollowerAt;

/** The later of two instants, a missing one counting as never. */
export const later = (a: string | null, b: string): string => (a !== null && a > b ? a : b);

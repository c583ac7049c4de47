import type { Conversation, ThreadEntry } from '../../src/modules/customer-service/customer-service';
import type { ConversationRepository } from '../../src/modules/customer-service/customer-service.ports';
import { ConflictError } from '../../src/shared/errors';

/**
 * What every ConversationRepository adapter must do, run by one runner per adapter (not a
 * `*.test.ts`: jest runs it only through them). The desk trusts the partial unique index (one open
 * conversation per follower), the compare-and-set update and the msgId dedup to stay right when two
 * callbacks or two instances race, so each adapter gets the very same checks.
 */

const APP = 'wx1234567890abcdef';
const OTHER_APP = 'wx0000000000000000';

/** 2026-03-<day> <hour>:<minute> UTC, in the domain's one format (toISOString). */
const at = (day: number, hour = 0, minute = 0): string => new Date(Date.UTC(2026, 2, day, hour, minute)).toISOString();

const conversation = (id: string, over: Partial<Conversation> = {}): Conversation => ({
  id, appId: APP, openid: `o-${id}`, state: 'waiting', mode: 'desk', reason: 'no_rule', agentId: null, kfAccount: null,
  skillGroup: null, openedAt: at(1), assignedAt: null, waitingSince: at(1), dueAt: at(2), warnAt: at(1, 19, 12),
  firstResponseAt: null, lastFollowerAt: at(1), lastAgentAt: null, closedAt: null, closedBy: null, breaches: 0, updatedAt: at(1), ...over,
});

/** Every nullable field filled, so a round trip shows each survives. */
const full = (): Conversation => conversation('full', {
  state: 'answered', mode: 'native', reason: 'asked', agentId: 'alice', kfAccount: 'kf1@wxid', skillGroup: 'billing',
  assignedAt: at(1, 1), waitingSince: null, dueAt: null, warnAt: null, firstResponseAt: at(1, 2), lastFollowerAt: at(1, 3),
  lastAgentAt: at(1, 4), breaches: 2, updatedAt: at(1, 4),
});

const entry = (id: string, over: Partial<ThreadEntry> = {}): ThreadEntry => ({
  id, conversationId: 'c1', appId: APP, openid: 'o-c1', direction: 'in', at: at(1), kind: 'text', text: `text ${id}`, agentId: null, msgId: null, ...over,
});

const ids = (cs: { id: string }[]): string[] => cs.map((c) => c.id);

export function describeConversationRepositoryContract(
  name: string,
  make: () => Promise<{ repo: ConversationRepository; close(): Promise<void> }>,
): void {
  describe(`${name} (ConversationRepository contract)`, () => {
    let repo: ConversationRepository;
    let close: () => Promise<void>;
    beforeEach(async () => {
      ({ repo, close } = await make());
    });
    afterEach(async () => close());

    const insertAll = async (...cs: Conversation[]): Promise<void> => {
      for (const c of cs) await repo.insert(c);
    };

    describe('insert, get and findOpen', () => {
      it('when a conversation is inserted, then get returns it field for field, a copy the caller cannot change', async () => {
        const c = full();
        await repo.insert(c);
        c.agentId = 'changed after insert';
        const got = await repo.get('full');
        expect(got).toStrictEqual(full());
        got!.agentId = 'changed after get';
        expect((await repo.get('full'))?.agentId).toBe('alice');
      });

      it('when the nullable fields are null, then they come back null', async () => {
        await repo.insert(conversation('c1'));
        expect(await repo.get('c1')).toStrictEqual(conversation('c1'));
      });

      it('when the id is unknown, then get and findOpen answer null', async () => {
        expect(await repo.get('nope')).toBeNull();
        expect(await repo.findOpen(APP, 'nobody')).toBeNull();
      });

      it('when the follower has an open conversation, then a second one is a conflict and the first stays', async () => {
        await repo.insert(conversation('c1', { openid: 'o1' }));
        await expect(repo.insert(conversation('c2', { openid: 'o1' }))).rejects.toBeInstanceOf(ConflictError);
        expect(await repo.get('c2')).toBeNull();
        expect((await repo.findOpen(APP, 'o1'))?.id).toBe('c1');
      });

      it('when the id is taken, then insert is a conflict', async () => {
        await repo.insert(conversation('c1', { openid: 'o1', state: 'closed' }));
        await expect(repo.insert(conversation('c1', { openid: 'o2' }))).rejects.toBeInstanceOf(ConflictError);
      });

      it('when the follower\'s earlier conversations are closed, then a new one opens and findOpen finds only it', async () => {
        await insertAll(
          conversation('old1', { openid: 'o1', state: 'closed', closedAt: at(1, 5), closedBy: 'inactivity' }),
          conversation('old2', { openid: 'o1', state: 'closed', closedAt: at(1, 6), closedBy: 'alice' }),
          conversation('new', { openid: 'o1', openedAt: at(2) }),
        );
        expect((await repo.findOpen(APP, 'o1'))?.id).toBe('new');
      });

      it('when the same follower has conversations with two accounts, then each is open on its own', async () => {
        await insertAll(conversation('c1', { openid: 'o1' }), conversation('c2', { openid: 'o1', appId: OTHER_APP }));
        expect((await repo.findOpen(APP, 'o1'))?.id).toBe('c1');
        expect((await repo.findOpen(OTHER_APP, 'o1'))?.id).toBe('c2');
      });

      it('when two inserts for one follower race, then exactly one is stored and the other is a conflict', async () => {
        const settled = await Promise.allSettled([repo.insert(conversation('c1', { openid: 'o1' })), repo.insert(conversation('c2', { openid: 'o1' }))]);
        expect(settled.filter((s) => s.status === 'fulfilled')).toHaveLength(1);
        expect((settled.find((s) => s.status === 'rejected') as PromiseRejectedResult).reason).toBeInstanceOf(ConflictError);
        const winner = settled[0]!.status === 'fulfilled' ? 'c1' : 'c2';
        expect((await repo.findOpen(APP, 'o1'))?.id).toBe(winner);
      });
    });

    describe('update (compare-and-set)', () => {
      beforeEach(() => repo.insert(conversation('c1', { openid: 'o1' })));

      it('when the expected updatedAt matches, then the patch is applied, the other fields stay, and true is answered', async () => {
        expect(await repo.update('c1', at(1), { state: 'assigned', agentId: 'alice', assignedAt: at(1, 1), updatedAt: at(1, 1) })).toBe(true);
        expect(await repo.get('c1')).toStrictEqual(conversation('c1', { openid: 'o1', state: 'assigned', agentId: 'alice', assignedAt: at(1, 1), updatedAt: at(1, 1) }));
      });

      it('when the patch sets fields to null, then they become null; an undefined field keeps its value', async () => {
        expect(await repo.update('c1', at(1), { waitingSince: null, dueAt: null, warnAt: null, agentId: undefined, updatedAt: at(1, 1) })).toBe(true);
        const got = await repo.get('c1');
        expect([got?.waitingSince, got?.dueAt, got?.warnAt, got?.agentId, got?.lastFollowerAt]).toEqual([null, null, null, null, at(1)]);
      });

      it('when the stored updatedAt has moved on, then nothing changes and false is answered', async () => {
        await repo.update('c1', at(1), { breaches: 1, updatedAt: at(1, 1) });
        expect(await repo.update('c1', at(1), { breaches: 5, updatedAt: at(1, 2) })).toBe(false);
        expect((await repo.get('c1'))?.breaches).toBe(1);
      });

      it('when the id is unknown, then false is answered', async () => {
        expect(await repo.update('nope', at(1), { breaches: 1, updatedAt: at(1, 1) })).toBe(false);
      });

      it('when two updates race on the same updatedAt, then exactly one is applied', async () => {
        const results = await Promise.all([
          repo.update('c1', at(1), { agentId: 'alice', updatedAt: at(1, 1) }),
          repo.update('c1', at(1), { agentId: 'bob', updatedAt: at(1, 2) }),
        ]);
        expect(results.filter(Boolean)).toHaveLength(1);
        const got = await repo.get('c1');
        expect([got?.agentId, got?.updatedAt]).toEqual(results[0] ? ['alice', at(1, 1)] : ['bob', at(1, 2)]);
      });

      it('when a conversation is closed, then the follower may open a new one', async () => {
        await repo.update('c1', at(1), { state: 'closed', closedAt: at(1, 1), closedBy: 'alice', updatedAt: at(1, 1) });
        await repo.insert(conversation('c2', { openid: 'o1' }));
        expect((await repo.findOpen(APP, 'o1'))?.id).toBe('c2');
      });

      it('when an update would reopen a closed conversation beside an open one, then it is a conflict and nothing changes', async () => {
        await repo.update('c1', at(1), { state: 'closed', updatedAt: at(1, 1) });
        await repo.insert(conversation('c2', { openid: 'o1' }));
        await expect(repo.update('c1', at(1, 1), { state: 'waiting', updatedAt: at(1, 2) })).rejects.toBeInstanceOf(ConflictError);
        expect((await repo.get('c1'))?.state).toBe('closed');
      });
    });

    describe('list', () => {
      beforeEach(() => insertAll(
        conversation('a', { openedAt: at(3), agentId: 'alice', state: 'assigned', dueAt: at(4) }),
        conversation('b', { openedAt: at(5), agentId: 'bob', state: 'answered', waitingSince: null, dueAt: null, warnAt: null, breaches: 1 }),
        conversation('c', { openedAt: at(5), agentId: 'alice', state: 'closed', dueAt: null, breaches: 2 }),
        conversation('d', { openedAt: at(7), dueAt: at(8) }),
        conversation('other', { appId: OTHER_APP, openedAt: at(6) }),
      ));

      it('when nothing but a limit is given, then every account\'s conversations come newest opened first, then id descending', async () => {
        expect(ids(await repo.list({ limit: 10 }))).toEqual(['d', 'other', 'c', 'b', 'a']);
      });

      it('when a limit is given, then only that many of the newest come', async () => {
        expect(ids(await repo.list({ appId: APP, limit: 2 }))).toEqual(['d', 'c']);
      });

      it('when an account, an agent or states are given, then only those match', async () => {
        expect(ids(await repo.list({ appId: APP, limit: 10 }))).toEqual(['d', 'c', 'b', 'a']);
        expect(ids(await repo.list({ agentId: 'alice', limit: 10 }))).toEqual(['c', 'a']);
        expect(ids(await repo.list({ appId: APP, states: ['waiting', 'assigned'], limit: 10 }))).toEqual(['d', 'a']);
        expect(ids(await repo.list({ states: [], limit: 10 }))).toEqual([]);
      });

      it('when dueBefore is given, then only conversations with a due time before it match', async () => {
        expect(ids(await repo.list({ dueBefore: at(8), limit: 10 }))).toEqual(['other', 'a']);
        expect(ids(await repo.list({ dueBefore: at(8, 0, 1), limit: 10 }))).toEqual(['d', 'other', 'a']);
      });

      it('when breached is given, then it splits those with a breach from those without', async () => {
        expect(ids(await repo.list({ breached: true, limit: 10 }))).toEqual(['c', 'b']);
        expect(ids(await repo.list({ breached: false, limit: 10 }))).toEqual(['d', 'other', 'a']);
      });

      it('when an opened range is given, then it is [since, until)', async () => {
        expect(ids(await repo.list({ appId: APP, openedSince: at(5), openedUntil: at(7), limit: 10 }))).toEqual(['c', 'b']);
        expect(ids(await repo.list({ appId: APP, openedSince: at(5, 0, 1), limit: 10 }))).toEqual(['d']);
      });
    });

    describe('slaDue, idleSince and loads', () => {
      it('when warnings fall due, then slaDue returns the open ones with warnAt ≤ now, in warnAt order, at most limit', async () => {
        await insertAll(
          conversation('late', { warnAt: at(2, 3) }),
          conversation('early', { warnAt: at(2, 1) }),
          conversation('exact', { warnAt: at(2, 4) }),
          conversation('future', { warnAt: at(2, 5) }),
          conversation('closed', { warnAt: at(2, 0), state: 'closed' }),
          conversation('nothing-waits', { warnAt: null, waitingSince: null, dueAt: null }),
          conversation('other-app', { appId: OTHER_APP, warnAt: at(2, 2) }),
        );
        expect(ids(await repo.slaDue(at(2, 4), 10))).toEqual(['early', 'other-app', 'late', 'exact']);
        expect(ids(await repo.slaDue(at(2, 4), 2))).toEqual(['early', 'other-app']);
        expect(ids(await repo.slaDue('9999-12-31T23:59:59.999Z', 1))).toEqual(['early']);
      });

      it('when conversations are quiet, then idleSince returns the open ones whose last message either way is before the instant, quietest first', async () => {
        await insertAll(
          conversation('follower-last', { lastFollowerAt: at(3), lastAgentAt: at(2) }),
          conversation('agent-last', { lastFollowerAt: at(1), lastAgentAt: at(4) }),
          conversation('quietest', { lastFollowerAt: at(2) }),
          conversation('exactly', { lastFollowerAt: at(5) }),
          conversation('closed', { lastFollowerAt: at(1), state: 'closed' }),
        );
        expect(ids(await repo.idleSince(at(5), 10))).toEqual(['quietest', 'follower-last', 'agent-last']);
        expect(ids(await repo.idleSince(at(4), 10))).toEqual(['quietest', 'follower-last']);
        expect(ids(await repo.idleSince(at(5), 1))).toEqual(['quietest']);
      });

      it('when idleness is measured after an update, then the new last message counts', async () => {
        await repo.insert(conversation('c1', { lastFollowerAt: at(1) }));
        await repo.update('c1', at(1), { lastAgentAt: at(6), updatedAt: at(6) });
        expect(ids(await repo.idleSince(at(5), 10))).toEqual([]);
      });

      it('when agents hold conversations, then loads counts the open ones each holds and leaves out agents with none', async () => {
        await insertAll(
          conversation('a1', { agentId: 'alice', state: 'assigned' }),
          conversation('a2', { agentId: 'alice', state: 'answered' }),
          conversation('a3', { agentId: 'alice', state: 'closed' }),
          conversation('b1', { agentId: 'bob', state: 'closed' }),
          conversation('c1', { agentId: 'carol', state: 'assigned', appId: OTHER_APP }),
          conversation('w1'),
        );
        expect(await repo.loads()).toEqual({ alice: 2, carol: 1 });
      });
    });

    describe('thread', () => {
      it('when entries are appended, then the thread returns them oldest first (then id), each field as it went in, at most limit', async () => {
        const out = entry('e3', { direction: 'out', at: at(1, 2), agentId: 'alice', kind: 'image', text: '[image] media 1' });
        await repo.appendEntry(out);
        await repo.appendEntry(entry('e2', { at: at(1, 1), msgId: '24000000000000000001' }));
        await repo.appendEntry(entry('e1', { at: at(1, 1) }));
        await repo.appendEntry(entry('x', { conversationId: 'c2' }));
        const thread = await repo.thread('c1', 10);
        expect(ids(thread)).toEqual(['e1', 'e2', 'e3']);
        expect(thread[2]).toStrictEqual(out);
        expect(thread[1]?.msgId).toBe('24000000000000000001');
        expect(ids(await repo.thread('c1', 2))).toEqual(['e1', 'e2']);
        expect(await repo.thread('nope', 10)).toEqual([]);
      });

      it('when an inbound entry repeats a msgId in the thread, then it is refused with false and stored once', async () => {
        expect(await repo.appendEntry(entry('e1', { msgId: 'm1' }))).toBe(true);
        expect(await repo.appendEntry(entry('e2', { msgId: 'm1', text: 'retried' }))).toBe(false);
        expect((await repo.thread('c1', 10)).map((e) => e.text)).toEqual(['text e1']);
      });

      it('when the same msgId comes in another conversation, or entries carry no msgId, then each is kept', async () => {
        expect(await repo.appendEntry(entry('e1', { msgId: 'm1' }))).toBe(true);
        expect(await repo.appendEntry(entry('e2', { msgId: 'm1', conversationId: 'c2' }))).toBe(true);
        expect(await repo.appendEntry(entry('e3'))).toBe(true);
        expect(await repo.appendEntry(entry('e4'))).toBe(true);
        expect(ids(await repo.thread('c1', 10))).toEqual(['e1', 'e3', 'e4']);
      });

      it('when two appends of one msgId race, then exactly one is stored', async () => {
        const results = await Promise.all([repo.appendEntry(entry('e1', { msgId: 'm1' })), repo.appendEntry(entry('e2', { msgId: 'm1' }))]);
        expect(results.filter(Boolean)).toHaveLength(1);
        expect(await repo.thread('c1', 10)).toHaveLength(1);
      });
    });
  });
}

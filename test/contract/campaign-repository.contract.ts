import type { Campaign, CampaignRepository, CampaignResults } from '../../src/modules/broadcast';
import { clientMsgIdFor } from '../../src/modules/broadcast';
import { ConflictError } from '../../src/shared/errors';

/**
 * What every CampaignRepository adapter must do, run by one runner per adapter (the file is not a
 * `*.test.ts`, so jest runs it only through them). The send path trusts these answers to send a
 * campaign exactly once, so each adapter gets the very same checks.
 */

const APP = 'wx1234567890abcdef';
const OTHER_APP = 'wx0000000000000000';

/** 2026-03-<day> <hour>:<minute> UTC, in the domain's one format (toISOString). */
const at = (day: number, hour = 0, minute = 0): string => new Date(Date.UTC(2026, 2, day, hour, minute)).toISOString();

const campaign = (id: string, over: Partial<Campaign> = {}): Campaign => ({
  id, appId: APP, name: `campaign ${id}`, content: { type: 'text', content: 'hello' }, audience: { kind: 'all' },
  state: 'draft', clientMsgId: clientMsgIdFor(id), preview: null, confirmation: null, sendTime: null, dueAt: null,
  attempts: 0, leaseUntil: null, firstAttemptAt: null, msgId: null, msgDataId: null, sentAt: null, reason: null,
  results: null, createdBy: 'admin', createdAt: at(1), updatedAt: at(1), ...over,
});

/** A campaign with every optional part filled, so a round trip shows each field survives. */
const full = (): Campaign => campaign('full', {
  content: { type: 'images', mediaIds: ['m1', 'm2'], recommend: '推荐' }, audience: { kind: 'tag', tagId: 7 },
  state: 'sent', preview: { sentAt: at(2), openids: ['o1'], wechatIds: ['w1'] }, confirmation: { by: 'ops', at: at(2, 1) },
  sendTime: { slot: '20:00', date: '2026-03-03' }, dueAt: at(3, 12), attempts: 2, leaseUntil: at(3, 12, 5),
  firstAttemptAt: at(3, 12, 1), msgId: '1000000000000000001', msgDataId: '2247483647', sentAt: at(3, 12, 2),
  reason: null, results: results(), createdBy: 'ops', updatedAt: at(3, 12, 2),
});

const results = (over: Partial<CampaignResults> = {}): CampaignResults => ({
  status: 'send success', totalCount: 100, filterCount: 90, sentCount: 88, errorCount: 2, copyrightCheckState: 1,
  finishedAt: at(3, 13), ...over,
});

const ids = (cs: Campaign[]): string[] => cs.map((c) => c.id);

export function describeCampaignRepositoryContract(
  name: string,
  make: () => Promise<{ repo: CampaignRepository; close(): Promise<void> }>,
): void {
  describe(`${name} (CampaignRepository contract)`, () => {
    let repo: CampaignRepository;
    let close: () => Promise<void>;
    beforeEach(async () => {
      ({ repo, close } = await make());
    });
    afterEach(async () => close());

    const insertAll = async (...cs: Campaign[]): Promise<void> => {
      for (const c of cs) await repo.insert(c);
    };

    describe('insert and get', () => {
      it('when a campaign is inserted, then get returns it field for field, a copy the caller cannot change', async () => {
        const c = full();
        await repo.insert(c);
        c.name = 'changed after insert';
        const got = await repo.get('full');
        expect(got).toEqual(full());
        got!.name = 'changed after get';
        expect((await repo.get('full'))?.name).toBe('campaign full');
      });

      it('when campaigns of every content, audience and send-time shape are inserted, then each comes back as it went in', async () => {
        const variants = [
          campaign('mpnews', { content: { type: 'mpnews', mediaId: 'media-1', sendIgnoreReprint: true }, sendTime: { at: at(4, 3, 30) } }),
          campaign('mpnews-plain', { content: { type: 'mpnews', mediaId: 'media-2' } }),
          campaign('voice', { content: { type: 'voice', mediaId: 'v1' }, audience: { kind: 'openids', openids: ['o1', 'o2', 'o3'] } }),
          campaign('mpvideo', { content: { type: 'mpvideo', mediaId: 'mv', title: '标题', description: 'd' }, audience: { kind: 'tag', tagId: 0 } }),
          campaign('images-bare', { content: { type: 'images', mediaIds: ['m1'] } }),
          campaign('empty-preview', { state: 'previewed', preview: { sentAt: at(2), openids: [], wechatIds: ['w1', 'w2'] } }),
          campaign('null-results', { state: 'sent', results: results({ totalCount: null, filterCount: null, sentCount: null, errorCount: null, copyrightCheckState: null }) }),
        ];
        await insertAll(...variants);
        for (const c of variants) expect(await repo.get(c.id)).toStrictEqual(c);
      });

      it('when an optional field of a part is undefined, then it comes back undefined, not null', async () => {
        await repo.insert(campaign('c1', { content: { type: 'mpvideo', mediaId: 'mv', title: undefined } }));
        // toEqual takes an undefined field for a missing one, but not a null.
        expect((await repo.get('c1'))?.content).toEqual({ type: 'mpvideo', mediaId: 'mv' });
      });

      it('when two inserts of one id race, then exactly one is stored and the other is a conflict', async () => {
        const settled = await Promise.allSettled([repo.insert(campaign('c1', { name: 'one' })), repo.insert(campaign('c1', { name: 'two' }))]);
        expect(settled.filter((s) => s.status === 'fulfilled')).toHaveLength(1);
        const refused = settled.find((s): s is PromiseRejectedResult => s.status === 'rejected');
        expect(refused?.reason).toBeInstanceOf(ConflictError);
        expect((await repo.get('c1'))?.name).toBe(settled[0]!.status === 'fulfilled' ? 'one' : 'two');
      });

      it('when the id is unknown, then get answers null', async () => {
        expect(await repo.get('nope')).toBeNull();
      });

      it('when the id is taken, then insert is a conflict and the first campaign stays', async () => {
        await repo.insert(campaign('c1'));
        await expect(repo.insert(campaign('c1', { name: 'second' }))).rejects.toBeInstanceOf(ConflictError);
        expect((await repo.get('c1'))?.name).toBe('campaign c1');
      });
    });

    describe('list', () => {
      beforeEach(() => insertAll(
        campaign('b', { dueAt: at(5), state: 'scheduled' }),
        campaign('a', { dueAt: at(5), state: 'scheduled' }),
        campaign('never-scheduled', { createdAt: at(4) }),
        campaign('late', { dueAt: at(9), state: 'sent' }),
        campaign('other-app', { appId: OTHER_APP, dueAt: at(5) }),
      ));

      it('when only the account is given, then its campaigns come by due (or created) time, then id', async () => {
        expect(ids(await repo.list({ appId: APP }))).toEqual(['never-scheduled', 'a', 'b', 'late']);
      });

      it('when a state is given, then only campaigns in that state come', async () => {
        expect(ids(await repo.list({ appId: APP, state: 'scheduled' }))).toEqual(['a', 'b']);
      });

      it('when since and until are given, then the range includes since and excludes until', async () => {
        expect(ids(await repo.list({ appId: APP, since: at(4), until: at(9) }))).toEqual(['never-scheduled', 'a', 'b']);
        expect(ids(await repo.list({ appId: APP, since: at(5) }))).toEqual(['a', 'b', 'late']);
        expect(ids(await repo.list({ appId: APP, until: at(5), state: 'draft' }))).toEqual(['never-scheduled']);
      });

      it('when a campaign is due, then its due time places it, not its creation time', async () => {
        await repo.insert(campaign('created-early-due-late', { createdAt: at(1), dueAt: at(10) }));
        expect(ids(await repo.list({ appId: APP, since: at(9) }))).toEqual(['late', 'created-early-due-late']);
        expect(ids(await repo.list({ appId: APP, until: at(2) }))).toEqual([]);
      });

      it('when the account has no campaign, then the list is empty', async () => {
        expect(await repo.list({ appId: 'wx9999999999999999' })).toEqual([]);
        expect(await repo.list({ appId: APP, state: 'missed' })).toEqual([]);
      });
    });

    describe('transition', () => {
      it('when the state differs, then it answers false and changes nothing', async () => {
        await repo.insert(campaign('c1', { state: 'previewed' }));
        expect(await repo.transition('c1', 'draft', { state: 'scheduled', dueAt: at(5) })).toBe(false);
        expect(await repo.transition('missing', 'draft', { state: 'scheduled' })).toBe(false);
        expect(await repo.get('c1')).toEqual(campaign('c1', { state: 'previewed' }));
      });

      it('when the state matches, then the patch is applied, undefined fields and the rest kept, and the queries see it', async () => {
        await repo.insert(campaign('c1', { name: 'kept' }));
        const patch = { state: 'scheduled' as const, dueAt: at(5), msgId: 'm-1', name: undefined, updatedAt: at(2) };
        expect(await repo.transition('c1', 'draft', patch)).toBe(true);
        expect(await repo.get('c1')).toEqual(campaign('c1', { name: 'kept', state: 'scheduled', dueAt: at(5), msgId: 'm-1', updatedAt: at(2) }));
        expect(ids(await repo.due(at(6), 10))).toEqual(['c1']);
        expect((await repo.findByMsgId(APP, 'm-1'))?.id).toBe('c1');
      });

      it('when two transitions race from the same state, then exactly one wins and its patch is stored', async () => {
        await repo.insert(campaign('c1', { state: 'scheduled', dueAt: at(5) }));
        const claim = (worker: string) => repo.transition('c1', 'scheduled', { state: 'sending', leaseUntil: at(5, 0, 5), reason: worker });
        const won = await Promise.all([claim('w1'), claim('w2')]);
        expect(won.filter(Boolean)).toHaveLength(1);
        expect((await repo.get('c1'))?.reason).toBe(won[0] ? 'w1' : 'w2');
      });

      it('when a lease is still running, then the lease-checked transition fails; once it has ended, it succeeds', async () => {
        await repo.insert(campaign('c1', { state: 'sending', dueAt: at(5), leaseUntil: at(5, 0, 5) }));
        const takeOver = (now: string) => repo.transition('c1', 'sending', { leaseUntil: at(5, 1), attempts: 1 }, now);
        expect(await takeOver(at(5, 0, 4))).toBe(false);
        expect((await repo.get('c1'))?.attempts).toBe(0);
        expect(await takeOver(at(5, 0, 5))).toBe(true);
        expect(await repo.get('c1')).toMatchObject({ leaseUntil: at(5, 1), attempts: 1 });
      });

      it('when many workers race for one send, then exactly one claims it', async () => {
        await repo.insert(campaign('c1', { state: 'scheduled', dueAt: at(5) }));
        const workers = ['w1', 'w2', 'w3', 'w4', 'w5', 'w6'];
        const won = await Promise.all(workers.map((w) => repo.transition('c1', 'scheduled', { state: 'sending', leaseUntil: at(5, 0, 5), reason: w })));
        expect(won.filter(Boolean)).toHaveLength(1);
        expect((await repo.get('c1'))?.reason).toBe(workers[won.indexOf(true)]);
      });

      it('when two workers race to take over an ended lease, then exactly one gets it', async () => {
        await repo.insert(campaign('c1', { state: 'sending', dueAt: at(5), leaseUntil: at(5, 0, 5), attempts: 1 }));
        // Each take-over moves the lease past the instant the other checks against, as the sender does.
        const takeOver = (worker: string) => repo.transition('c1', 'sending', { leaseUntil: at(5, 1), attempts: 2, reason: worker }, at(5, 0, 10));
        const won = await Promise.all([takeOver('w1'), takeOver('w2')]);
        expect(won.filter(Boolean)).toHaveLength(1);
        expect(await repo.get('c1')).toMatchObject({ leaseUntil: at(5, 1), attempts: 2, reason: won[0] ? 'w1' : 'w2' });
      });

      it('when the lease has ended but the state differs, then the lease-checked transition fails', async () => {
        await repo.insert(campaign('c1', { state: 'sent', dueAt: at(5), leaseUntil: at(5, 0, 5) }));
        expect(await repo.transition('c1', 'sending', { state: 'failed' }, at(6))).toBe(false);
        expect((await repo.get('c1'))?.state).toBe('sent');
      });

      it('when the patch sets fields to null, then they are cleared (null is a value, unlike undefined)', async () => {
        await repo.insert(campaign('c1', { state: 'sending', dueAt: at(5), leaseUntil: at(5, 0, 5), msgId: 'm-1', reason: 'busy' }));
        expect(await repo.transition('c1', 'sending', { state: 'scheduled', leaseUntil: null, msgId: null, reason: null })).toBe(true);
        expect(await repo.get('c1')).toEqual(campaign('c1', { state: 'scheduled', dueAt: at(5) }));
        expect(await repo.findByMsgId(APP, 'm-1')).toBeNull();
        expect(await repo.nextWakeAt()).toBe(at(5));
      });

      it('when the patch replaces a part, then the whole part is replaced, not merged with the old one', async () => {
        await repo.insert(campaign('c1', {
          content: { type: 'images', mediaIds: ['m1', 'm2'], recommend: 'r' }, audience: { kind: 'openids', openids: ['o1', 'o2'] },
          preview: { sentAt: at(2), openids: ['o1', 'o2'], wechatIds: [] }, sendTime: { slot: '11:00', date: '2026-03-05' },
        }));
        const patch = {
          content: { type: 'text' as const, content: 'edited' }, audience: { kind: 'all' as const },
          preview: { sentAt: at(3), openids: [], wechatIds: ['w9'] }, confirmation: { by: 'ops', at: at(3, 1) }, sendTime: { at: at(6, 2) },
        };
        expect(await repo.transition('c1', 'draft', patch)).toBe(true);
        expect(await repo.get('c1')).toStrictEqual(campaign('c1', patch));
      });

      it('when the patch carries another id, then the id stays', async () => {
        await repo.insert(campaign('c1'));
        expect(await repo.transition('c1', 'draft', { id: 'c2', state: 'previewed' })).toBe(true);
        expect(await repo.get('c2')).toBeNull();
        expect(await repo.get('c1')).toEqual(campaign('c1', { state: 'previewed' }));
      });

      it('when there is no lease, then the lease-checked transition succeeds', async () => {
        await repo.insert(campaign('c1', { state: 'scheduled', dueAt: at(5) }));
        expect(await repo.transition('c1', 'scheduled', { state: 'sending' }, at(5))).toBe(true);
      });
    });

    describe('due', () => {
      it('when asked at an instant, then scheduled-and-due and sending-with-ended-lease come, by due time, up to the limit', async () => {
        await insertAll(
          campaign('scheduled-due', { state: 'scheduled', dueAt: at(5, 10) }),
          campaign('scheduled-now', { state: 'scheduled', dueAt: at(5, 12) }),
          campaign('scheduled-future', { state: 'scheduled', dueAt: at(5, 13) }),
          campaign('sending-dead', { state: 'sending', dueAt: at(5, 9), leaseUntil: at(5, 11) }),
          campaign('sending-live', { state: 'sending', dueAt: at(5, 8), leaseUntil: at(5, 13) }),
          campaign('previewed-past', { state: 'previewed', dueAt: at(5, 1) }),
          campaign('sent-past', { state: 'sent', dueAt: at(5, 1), leaseUntil: at(5, 2) }),
        );
        expect(ids(await repo.due(at(5, 12), 10))).toEqual(['sending-dead', 'scheduled-due', 'scheduled-now']);
        expect(ids(await repo.due(at(5, 12), 2))).toEqual(['sending-dead', 'scheduled-due']);
      });

      it('when campaigns are due at the same instant, then they come by id; a scheduled one without a due time never comes', async () => {
        await insertAll(
          campaign('c', { state: 'scheduled', dueAt: at(5) }),
          campaign('a', { state: 'scheduled', dueAt: at(5) }),
          campaign('b', { appId: OTHER_APP, state: 'scheduled', dueAt: at(5) }),
          campaign('no-due-time', { state: 'scheduled', dueAt: null }),
          campaign('sending-no-lease', { state: 'sending', dueAt: at(4), leaseUntil: null }),
        );
        expect(ids(await repo.due(at(6), 10))).toEqual(['a', 'b', 'c']);
        expect(await repo.due(at(4), 10)).toEqual([]);
      });
    });

    describe('nextWakeAt', () => {
      it('when nothing is scheduled or sending, then it is null', async () => {
        await insertAll(campaign('draft'), campaign('sent', { state: 'sent', dueAt: at(5, 1), leaseUntil: at(5, 2) }));
        expect(await repo.nextWakeAt()).toBeNull();
      });

      it('when campaigns wait, then it is the earliest scheduled due time or sending lease end, of any account', async () => {
        await insertAll(
          campaign('scheduled-late', { state: 'scheduled', dueAt: at(5, 13) }),
          campaign('other-account', { appId: OTHER_APP, state: 'scheduled', dueAt: at(5, 12) }),
          campaign('previewed', { state: 'previewed', dueAt: at(5, 1) }),
        );
        expect(await repo.nextWakeAt()).toBe(at(5, 12));
        await insertAll(campaign('sending', { state: 'sending', dueAt: at(5, 1), leaseUntil: at(5, 11) }));
        expect(await repo.nextWakeAt()).toBe(at(5, 11));
      });

      it('when a waiting campaign has no time, then it does not count', async () => {
        await insertAll(
          campaign('scheduled-untimed', { state: 'scheduled', dueAt: null }),
          campaign('sending-unleased', { state: 'sending', dueAt: at(5, 1), leaseUntil: null }),
        );
        expect(await repo.nextWakeAt()).toBeNull();
        await repo.insert(campaign('scheduled', { state: 'scheduled', dueAt: at(5, 20) }));
        expect(await repo.nextWakeAt()).toBe(at(5, 20));
      });
    });

    describe('findByMsgId', () => {
      it('when a campaign carries the msg_id, then it is found for its account only', async () => {
        await insertAll(campaign('c1', { state: 'sent', msgId: '1000000000000000001' }), campaign('c2', { msgId: '2' }));
        expect((await repo.findByMsgId(APP, '1000000000000000001'))?.id).toBe('c1');
        expect(await repo.findByMsgId(OTHER_APP, '1000000000000000001')).toBeNull();
        expect(await repo.findByMsgId(APP, '3')).toBeNull();
      });

      it('when two campaigns of the account carry the msg_id, then the earliest created comes', async () => {
        await insertAll(
          campaign('z-first', { msgId: '42', createdAt: at(1) }),
          campaign('later', { msgId: '42', createdAt: at(2) }),
          campaign('a-first', { msgId: '42', createdAt: at(1) }),
        );
        expect((await repo.findByMsgId(APP, '42'))?.id).toBe('a-first');
      });
    });

    describe('countQuotaSends', () => {
      it('when counting, then only to-all and to-tag sends scheduled, sending or sent in [since, until) count, the excluded one aside', async () => {
        await insertAll(
          campaign('all-scheduled', { state: 'scheduled', dueAt: at(5, 1) }),
          campaign('tag-sending', { state: 'sending', dueAt: at(5, 2), audience: { kind: 'tag', tagId: 2 } }),
          campaign('all-sent-at-since', { state: 'sent', dueAt: at(5) }),
          campaign('openids', { state: 'sent', dueAt: at(5, 3), audience: { kind: 'openids', openids: ['o1', 'o2'] } }),
          campaign('draft', { state: 'draft', dueAt: at(5, 4) }),
          campaign('cancelled', { state: 'cancelled', dueAt: at(5, 5) }),
          campaign('excluded', { state: 'scheduled', dueAt: at(5, 6) }),
          campaign('at-until', { state: 'scheduled', dueAt: at(6) }),
          campaign('before', { state: 'sent', dueAt: at(4, 23) }),
          campaign('other-app', { appId: OTHER_APP, state: 'sent', dueAt: at(5, 7) }),
        );
        expect(await repo.countQuotaSends(APP, at(5), at(6), 'excluded')).toBe(3);
        expect(await repo.countQuotaSends(APP, at(5), at(6), 'none')).toBe(4);
      });

      it('when nothing matches, then the count is 0; a send without a due time never counts', async () => {
        await repo.insert(campaign('untimed', { state: 'sending', dueAt: null }));
        expect(await repo.countQuotaSends(APP, at(1), at(30), 'none')).toBe(0);
        expect(await repo.countQuotaSends(OTHER_APP, at(1), at(30), 'none')).toBe(0);
      });
    });

    describe('lastSentAt', () => {
      it('when the account has sent nothing, then it is null', async () => {
        await repo.insert(campaign('c1', { state: 'failed', sentAt: at(3) }));
        expect(await repo.lastSentAt(APP)).toBeNull();
      });

      it('when the account has sent campaigns, then the newest sentAt of its own comes', async () => {
        await insertAll(
          campaign('s1', { state: 'sent', sentAt: at(3) }),
          campaign('s2', { state: 'sent', sentAt: at(4, 10) }),
          campaign('failed', { state: 'failed', sentAt: at(8) }),
          campaign('other-app', { appId: OTHER_APP, state: 'sent', sentAt: at(9) }),
        );
        expect(await repo.lastSentAt(APP)).toBe(at(4, 10));
      });

      it('when a sent campaign has no sentAt, then it is passed over', async () => {
        await insertAll(campaign('s1', { state: 'sent', sentAt: null }), campaign('s2', { state: 'sent', sentAt: at(2) }));
        expect(await repo.lastSentAt(APP)).toBe(at(2));
      });
    });

    describe('saveResults', () => {
      it('when results arrive, then results, state and reason are stored whatever the state, the rest kept', async () => {
        await repo.insert(campaign('c1', { state: 'sent', msgId: 'm1', sentAt: at(3) }));
        await repo.saveResults('c1', results({ status: 'err(30003)' }), 'failed', 'err(30003)');
        expect(await repo.get('c1')).toEqual(campaign('c1', {
          state: 'failed', msgId: 'm1', sentAt: at(3), reason: 'err(30003)', results: results({ status: 'err(30003)' }),
        }));
        expect(ids(await repo.list({ appId: APP, state: 'failed' }))).toEqual(['c1']);
      });

      it('when results arrive twice, then the last ones are stored whole, nulls included', async () => {
        await repo.insert(campaign('c1', { state: 'sent', msgId: 'm1' }));
        await repo.saveResults('c1', results(), 'sent', null);
        const partial = results({ status: 'send fail', totalCount: null, sentCount: null, copyrightCheckState: null });
        await repo.saveResults('c1', partial, 'failed', 'send fail');
        expect(await repo.get('c1')).toStrictEqual(campaign('c1', { state: 'failed', msgId: 'm1', reason: 'send fail', results: partial }));
      });

      it('when the id is unknown, then nothing is stored', async () => {
        await repo.saveResults('missing', results(), 'sent', null);
        expect(await repo.get('missing')).toBeNull();
      });
    });
  });
}

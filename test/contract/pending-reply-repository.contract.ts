import type { PendingReply, PendingReplyRepository } from '../../src/modules/messages';

/**
 * What every PendingReplyRepository adapter must do, run by one runner per adapter: replies the
 * webhook could not give within WeChat's 5 seconds wait here, in id order, for the
 * customer-service API. A retried callback stores its reply again, which must change nothing.
 */

const APP = 'wx1234567890abcdef';
const OTHER_APP = 'wx0000000000000000';

const pending = (id: string, over: Partial<PendingReply> = {}): PendingReply => ({
  id, appId: APP, openid: 'oUser0000000000000000000000', inboundKey: `msg:${id}`, reply: { type: 'text', content: `answer ${id}` },
  reason: 'deadline', createdAt: '2026-03-01T00:00:00.000Z', ...over,
});

export function describePendingReplyRepositoryContract(
  name: string,
  make: () => Promise<{ repo: PendingReplyRepository; close(): Promise<void> }>,
): void {
  describe(`${name} (PendingReplyRepository contract)`, () => {
    let repo: PendingReplyRepository;
    let close: () => Promise<void>;
    beforeEach(async () => {
      ({ repo, close } = await make());
    });
    afterEach(async () => close());

    it('when a reply is stored, then it reads back field for field, the reply object whole, a copy the caller cannot change', async () => {
      const news = {
        type: 'news', articles: [{ title: '标题', description: 'd', picUrl: 'https://e.com/p.jpg', url: 'https://e.com/' }],
        nested: { count: 2, flag: true, none: null, list: [1, 'two'] },
      };
      await repo.insert(pending('p1', { openid: 'oB', inboundKey: 'event:oB:1700000000:subscribe', reply: news, createdAt: '2026-03-02T03:04:05.678Z' }));
      const [got] = await repo.listPending(APP, 10);
      expect(got).toEqual({
        id: 'p1', appId: APP, openid: 'oB', inboundKey: 'event:oB:1700000000:subscribe', reply: news, reason: 'deadline', createdAt: '2026-03-02T03:04:05.678Z',
      });
      (got!.reply as { type: string }).type = 'changed';
      expect(((await repo.listPending(APP, 10))[0]!.reply as { type: string }).type).toBe('news');
    });

    it('when the reply is JSON-like, then it comes back as its JSON round trip (undefined fields dropped, dates as text)', async () => {
      await repo.insert(pending('p1', { reply: { type: 'text', content: 'x', extra: undefined, when: new Date('2026-03-01T00:00:00.000Z') } }));
      expect((await repo.listPending(APP, 10))[0]!.reply).toEqual({ type: 'text', content: 'x', when: '2026-03-01T00:00:00.000Z' });
    });

    it('when the same id is stored twice, then the second is ignored without an error and the first stays', async () => {
      await repo.insert(pending('p1'));
      await repo.insert(pending('p1', { reply: { type: 'text', content: 'second' } }));
      expect(await repo.listPending(APP, 10)).toEqual([pending('p1')]);
    });

    it('when listing, then the account\'s replies come in id order, at most the limit', async () => {
      for (const id of ['p3', 'p1', 'p2']) await repo.insert(pending(id));
      await repo.insert(pending('p0', { appId: OTHER_APP }));
      expect((await repo.listPending(APP, 10)).map((p) => p.id)).toEqual(['p1', 'p2', 'p3']);
      expect((await repo.listPending(APP, 2)).map((p) => p.id)).toEqual(['p1', 'p2']);
      expect((await repo.listPending(OTHER_APP, 10)).map((p) => p.id)).toEqual(['p0']);
      expect(await repo.listPending(APP, 0)).toEqual([]);
      expect(await repo.listPending('wxunknown', 10)).toEqual([]);
    });

    it('when replies are marked delivered or failed, then they are no longer pending and the others still are, in order', async () => {
      for (const id of ['p1', 'p2', 'p3', 'p4']) await repo.insert(pending(id));
      await repo.markDone('p1', { status: 'delivered', reason: null, at: '2026-03-01T00:01:00.000Z' });
      await repo.markDone('p3', { status: 'failed', reason: 'the 48-hour window closed', at: '2026-03-01T00:01:00.000Z' });
      expect((await repo.listPending(APP, 10)).map((p) => p.id)).toEqual(['p2', 'p4']);
    });

    it('when a reply is marked done twice, or an unknown id is marked, then nothing throws and nothing comes back to pending', async () => {
      await repo.insert(pending('p1'));
      await repo.markDone('p1', { status: 'failed', reason: 'no form', at: '2026-03-01T00:01:00.000Z' });
      await repo.markDone('p1', { status: 'delivered', reason: null, at: '2026-03-01T00:02:00.000Z' });
      await expect(repo.markDone('unknown', { status: 'delivered', reason: null, at: '2026-03-01T00:02:00.000Z' })).resolves.toBeUndefined();
      expect(await repo.listPending(APP, 10)).toEqual([]);
    });

    it('when a done reply is stored again (a retried callback), then it stays done', async () => {
      await repo.insert(pending('p1'));
      await repo.markDone('p1', { status: 'delivered', reason: null, at: '2026-03-01T00:01:00.000Z' });
      await repo.insert(pending('p1'));
      expect(await repo.listPending(APP, 10)).toEqual([]);
    });

    it('when delivery runs race for one reply, then exactly one claims it; the claim holds until it ends; a done reply cannot be claimed', async () => {
      await repo.insert(pending('p1'));
      const now = '2026-03-01T00:01:00.000Z';
      const until = '2026-03-01T00:03:00.000Z';
      const won = await Promise.all([1, 2, 3, 4, 5].map(() => repo.claim('p1', until, now)));
      expect(won.filter(Boolean)).toHaveLength(1);
      expect(await repo.claim('p1', '2026-03-01T00:04:00.000Z', '2026-03-01T00:02:59.000Z')).toBe(false);
      // The holder died: after its claim ends another run may take the reply.
      expect(await repo.claim('p1', '2026-03-01T00:05:00.000Z', until)).toBe(true);
      await repo.markDone('p1', { status: 'delivered', reason: null, at: '2026-03-01T00:05:30.000Z' });
      expect(await repo.claim('p1', '2026-03-01T00:09:00.000Z', '2026-03-01T00:08:00.000Z')).toBe(false);
      expect(await repo.claim('unknown', until, now)).toBe(false);
    });
  });
}

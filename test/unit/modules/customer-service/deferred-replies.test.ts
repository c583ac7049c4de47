import { DeferredReplies } from '../../../../src/modules/customer-service/deferred-replies';
import type { PendingReply } from '../../../../src/modules/messages';
import { MemoryPendingReplyRepository } from './memory-pending';
import { APP, FAN, HOUR, senderHarness, T0 } from './window-fakes';

const OTHER_APP = 'wx0000000000000000';
const pending = (id: string, reply: unknown, over: Partial<PendingReply> = {}): PendingReply => ({
  id, appId: APP, openid: FAN, inboundKey: `${APP}:${id}`, reply, reason: 'deadline', createdAt: new Date(T0).toISOString(), ...over,
});

function harness(appIds = [APP]) {
  const base = senderHarness();
  const repo = new MemoryPendingReplyRepository();
  const deferred = new DeferredReplies({
    accounts: { list: async () => appIds.map((appId) => ({ appId })) }, pending: repo, sender: base.sender, clock: base.clock, logger: base.logger as never,
  });
  return { ...base, repo, deferred };
}

describe('DeferredReplies.deliverPending', () => {
  it('when late replies wait for a follower who wrote, then they go out in order through the window and are marked delivered', async () => {
    const { deferred, repo, platform, windows, clock, interact } = harness();
    await interact('message');
    await repo.insert(pending('p2', { type: 'image', mediaId: 'm1' }));
    await repo.insert(pending('p1', { type: 'text', content: '稍等的答案' }));
    clock.advance(60_000);
    expect(await deferred.deliverPending()).toEqual({ delivered: 2, failed: 0, errors: 0 });
    expect(platform.calls.map((c) => c.message)).toEqual([{ type: 'text', content: '稍等的答案' }, { type: 'image', mediaId: 'm1' }]);
    expect(repo.outcomeOf('p1')).toEqual({ status: 'delivered', reason: null, at: '2026-03-10T04:01:00.000Z' });
    expect((await windows.get(APP, FAN))!.used).toBe(2);
    expect(await deferred.deliverPending()).toEqual({ delivered: 0, failed: 0, errors: 0 });
  });

  it('when a news reply has several articles, then its first article goes out (the API takes one)', async () => {
    const { deferred, repo, platform, interact } = harness();
    await interact('message');
    await repo.insert(pending('p1', { type: 'news', articles: [{ title: 'A', url: 'https://e.com/a', picUrl: 'https://e.com/a.jpg' }, { title: 'B', url: 'https://e.com/b' }] }));
    await deferred.deliverPending();
    expect(platform.calls.map((c) => c.message)).toEqual([{ type: 'news', article: { title: 'A', url: 'https://e.com/a', description: undefined, picUrl: 'https://e.com/a.jpg' } }]);
  });

  it('when the window has closed, then the reply is marked failed with the reason and WeChat is not called', async () => {
    const { deferred, repo, platform, clock, interact } = harness();
    await interact('menu');
    await repo.insert(pending('p1', { type: 'text', content: 'too late' }));
    clock.advance(HOUR);
    expect(await deferred.deliverPending()).toEqual({ delivered: 0, failed: 1, errors: 0 });
    expect(repo.outcomeOf('p1')).toEqual({
      status: 'failed', at: '2026-03-10T05:00:00.000Z',
      reason: "the 1-minute window closed at 2026-03-10T04:01:00.000Z (the follower's last menu tap was at 2026-03-10T04:00:00.000Z); WeChat would answer 45015",
    });
    expect(platform.calls).toEqual([]);
  });

  it('when more replies wait than the window holds, then the first ones go out and the rest fail as used up', async () => {
    const { deferred, repo, platform, interact } = harness();
    await interact('follow');
    for (const id of ['p1', 'p2', 'p3', 'p4']) await repo.insert(pending(id, { type: 'text', content: id }));
    expect(await deferred.deliverPending()).toEqual({ delivered: 3, failed: 1, errors: 0 });
    expect(repo.outcomeOf('p4')).toMatchObject({ status: 'failed', reason: expect.stringContaining('WeChat would answer 45047') });
    expect(platform.calls).toHaveLength(3);
  });

  it('when a reply has no customer-service form (a transfer, a video, nonsense), then it fails with that reason and takes nothing of the window', async () => {
    const { deferred, repo, windows, interact } = harness();
    await interact('message');
    await repo.insert(pending('p1', { type: 'transfer_customer_service' }));
    await repo.insert(pending('p2', { type: 'video', mediaId: 'v' }));
    await repo.insert(pending('p3', 'not a reply'));
    expect(await deferred.deliverPending()).toEqual({ delivered: 0, failed: 3, errors: 0 });
    expect([repo.outcomeOf('p1')?.reason, repo.outcomeOf('p2')?.reason, repo.outcomeOf('p3')?.reason]).toEqual([
      'a transfer_customer_service reply has no customer-service form', 'a video reply has no customer-service form', 'a malformed reply has no customer-service form',
    ]);
    expect((await windows.get(APP, FAN))!.used).toBe(0);
  });

  it('when WeChat refuses one reply, then it fails with WeChat\'s reason and the next one is still delivered', async () => {
    const { deferred, repo, platform, interact } = harness();
    await interact('message');
    await repo.insert(pending('p1', { type: 'image', mediaId: 'expired' }));
    await repo.insert(pending('p2', { type: 'text', content: 'ok' }));
    platform.failures.push(40007);
    expect(await deferred.deliverPending()).toEqual({ delivered: 1, failed: 1, errors: 0 });
    expect(repo.outcomeOf('p1')).toMatchObject({ status: 'failed', reason: 'the message did not go out: WeChat refused /cgi-bin/message/custom/send: 40007 errmsg 40007' });
  });

  it('when several accounts have replies waiting, then each account\'s go out, to each follower\'s own window', async () => {
    const { deferred, repo, platform, windows, interact } = harness([APP, OTHER_APP]);
    await interact('message');
    await windows.open({ appId: OTHER_APP, openid: 'oB', trigger: 'message', openedAt: new Date(T0).toISOString(), expiresAt: new Date(T0 + 48 * HOUR).toISOString(), limit: 5, used: 0 });
    await repo.insert(pending('p1', { type: 'text', content: 'a' }));
    await repo.insert(pending('p2', { type: 'text', content: 'b' }, { appId: OTHER_APP, openid: 'oB' }));
    expect(await deferred.deliverPending()).toEqual({ delivered: 2, failed: 0, errors: 0 });
    expect(platform.calls.map((c) => [c.appId, c.openid])).toEqual([[APP, FAN], [OTHER_APP, 'oB']]);
  });

  it('when the store fails for one reply, then it stays pending for a run after its claim ends, is logged, and the others go on', async () => {
    const { deferred, repo, windows, logger, interact, clock } = harness();
    await interact('message');
    await repo.insert(pending('p1', { type: 'text', content: 'a' }));
    await repo.insert(pending('p2', { type: 'text', content: 'b' }));
    const take = windows.take.bind(windows);
    let calls = 0;
    windows.take = async (...args) => (++calls === 1 ? Promise.reject(new Error('database is locked')) : take(...args));
    expect(await deferred.deliverPending()).toEqual({ delivered: 1, failed: 0, errors: 1 });
    expect((await repo.listPending(APP, 10)).map((p) => p.id)).toEqual(['p1']);
    expect(logger.entries.filter((e) => e.level === 'error').map((e) => e.msg)).toEqual(['could not deliver a deferred reply; it stays pending']);
    // The failed run still holds p1's claim for 2 minutes: a run meanwhile leaves it alone (it might have gone out).
    expect(await deferred.deliverPending()).toEqual({ delivered: 0, failed: 0, errors: 0 });
    clock.advance(2 * 60_000);
    expect(await deferred.deliverPending()).toEqual({ delivered: 1, failed: 0, errors: 0 });
  });

  it('when two delivery runs overlap, then each reply goes out once', async () => {
    const { deferred, repo, platform, interact } = harness();
    await interact('message');
    for (const id of ['p1', 'p2', 'p3']) await repo.insert(pending(id, { type: 'text', content: id }));
    const [a, b] = await Promise.all([deferred.deliverPending(), deferred.deliverPending()]);
    expect(a.delivered + b.delivered).toBe(3);
    expect(platform.calls.map((c) => (c.message as { content: string }).content).sort()).toEqual(['p1', 'p2', 'p3']);
  });
});

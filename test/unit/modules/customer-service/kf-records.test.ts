import { ManualClock } from '../../../../src/shared/clock';
import { silentLogger } from '../../../../src/shared/logger';
import { ConversationService } from '../../../../src/modules/customer-service';
import { defaultDeskSettings } from '../../../../src/modules/customer-service/desk-settings';
import { KfRecordPuller } from '../../../../src/modules/customer-service/kf-records';
import { MemoryConversationRepository } from '../../../../src/modules/customer-service/memory-conversations';

const APP = 'wx1234567890abcdef';
const T0 = Date.parse('2026-11-27T02:00:00.000Z');

describe('KfRecordPuller (native mode learns answers from msgrecord)', () => {
  it('when msgrecord shows the kf agent answered after the follower, then the conversation is answered and its SLA clock stops; records of others or before change nothing', async () => {
    const clock = new ManualClock(T0);
    const repo = new MemoryConversationRepository();
    let n = 0;
    const conversations = new ConversationService({
      repo, settings: async (appId) => ({ ...defaultDeskSettings(appId, new Date(T0).toISOString()), mode: 'native' }), timeZone: async () => 'Asia/Shanghai',
      clock, logger: silentLogger, newId: () => `c${++n}`,
    });
    await conversations.followerMessage(APP, 'oA', { msgId: '1', kind: 'text', text: '投诉', at: new Date(T0) }, 'no_rule', { mode: 'native' });
    await conversations.followerMessage(APP, 'oB', { msgId: '2', kind: 'text', text: '人工', at: new Date(T0) }, 'asked', { mode: 'native' });
    await conversations.kfSession(APP, 'oA', 'create', 'kf1@oa', new Date(T0 + 10_000));
    clock.set(T0 + 10 * 60_000);
    const calls: [number, number][] = [];
    const t = T0 / 1000;
    const records = [
      { openid: 'oA', operCode: 2003, time: t + 30 }, // the agent received: not an answer
      { openid: 'oA', operCode: 2002, time: t - 60 }, // before the waiting message: an earlier conversation
      { openid: 'oA', operCode: 2002, time: t + 120 },
      { openid: 'oC', operCode: 2002, time: t + 130 },
    ];
    const puller = new KfRecordPuller({
      repo, conversations, clock, logger: silentLogger,
      platform: { forAccount: async () => ({ kf: { msgRecord: async (start, end) => (calls.push([start, end]), records) } }) },
    });
    const { answered } = await puller.pull();
    expect(calls).toEqual([[t, t + 600]]);
    const a = await repo.findOpen(APP, 'oA');
    expect(answered).toEqual([a!.id]);
    expect(a).toMatchObject({ state: 'answered', waitingSince: null, dueAt: null, firstResponseAt: new Date((t + 120) * 1000).toISOString() });
    expect(await repo.findOpen(APP, 'oB')).toMatchObject({ state: 'waiting', firstResponseAt: null });
  });
});

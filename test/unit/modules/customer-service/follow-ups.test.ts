import type { ReplyContent } from '../../../../src/modules/auto-reply/auto-reply';
import { CustomServiceFollowUps } from '../../../../src/wechat-api/follow-up-sender';
import { APP, FAN, senderHarness } from './window-fakes';

const texts = (...contents: string[]): ReplyContent[] => contents.map((content) => ({ type: 'text', content }));

function harness() {
  const base = senderHarness();
  return { ...base, followUps: new CustomServiceFollowUps(base.sender, base.logger as never) };
}

describe('reply-all follow-ups through the customer-service window (CustomServiceFollowUps)', () => {
  it('when a menu tap\'s rule has 5 follow-ups, then the 3 its window holds go out in order and the sequence stops', async () => {
    const { followUps, platform, logger, interact } = harness();
    await interact('menu');
    await followUps.send(APP, FAN, texts('1', '2', '3', '4', '5'));
    expect(platform.calls.map((c) => c.message)).toEqual(texts('1', '2', '3'));
    expect(logger.entries.filter((e) => e.level === 'warn').map((e) => [e.msg, e.fields.code])).toEqual([['reply-all follow-up refused', 'quota_used']]);
  });

  it('when the agent used 4 of a message window already, then only 1 follow-up goes out: they share the quota', async () => {
    const { followUps, sender, platform, interact } = harness();
    await interact('message');
    for (let i = 0; i < 4; i += 1) await sender.send(APP, FAN, { type: 'text', content: `agent ${i}` });
    await followUps.send(APP, FAN, texts('a', 'b'));
    expect(platform.calls.map((c) => c.message)).toEqual([...texts('agent 0', 'agent 1', 'agent 2', 'agent 3'), ...texts('a')]);
  });

  it('when one follow-up is refused for its content, then the rest still go out; one with no form is skipped', async () => {
    const { followUps, platform, windows, interact } = harness();
    await interact('message');
    platform.failures.push(40007);
    await followUps.send(APP, FAN, [{ type: 'image', mediaId: 'gone' }, { type: 'transfer_customer_service' }, { type: 'text', content: 'ok' }]);
    expect(platform.calls.map((c) => c.message)).toEqual([{ type: 'image', mediaId: 'gone' }, { type: 'text', content: 'ok' }]);
    expect((await windows.get(APP, FAN))!.used).toBe(1);
  });

  it('when WeChat answers 45015, then the sequence stops there', async () => {
    const { followUps, platform, interact } = harness();
    await interact('message');
    platform.failures.push(45015);
    await followUps.send(APP, FAN, texts('a', 'b'));
    expect(platform.calls).toHaveLength(1);
  });

  it('when the account has no API access, then nothing is sent and nothing thrown', async () => {
    const { followUps, platform, interact } = harness();
    await interact('message');
    platform.hasApi = false;
    await expect(followUps.send(APP, FAN, texts('a', 'b'))).resolves.toBeUndefined();
    expect(platform.calls).toEqual([]);
  });
});

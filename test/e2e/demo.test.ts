import { runDemo } from '../../src/cli/demo';

describe('wxoa demo', () => {
  it('when a newcomer runs the demo, then the auto-replies and the agent reply (through the customer-service desk) reach the phone and the server logs both directions', async () => {
    const out: string[] = [];
    const err: string[] = [];
    await runDemo({ out: (line: string) => out.push(line), err: (line: string) => err.push(line), setExitCode: () => {} });
    const text = out.join('\n');
    expect(err).toEqual([]);
    expect(text.match(/accepted by WeChat/g)).toHaveLength(4);
    expect(text).toContain("The follower's phone shows 4 message(s)");
    expect(text).toContain('[passive] text: 欢迎参加春季活动！');
    expect(text).toContain('[passive] text: 周一至周五 9:00–21:00');
    expect(text).toMatch(/\[passive\] text: 今天 \d{4}-\d{2}-\d{2}，营业到 21:00。/);
    expect(text).toContain('[custom] text: 可以的，请把抬头发给我们。');
    expect(text).toMatch(/conversation [0-9a-f-]{36}: assigned to alice, answer due by \S+; WeChat's window allows 5 messages/);
    expect(text).toContain('4 messages left in the window');
    expect(text).toContain('holds 7 entries');
    expect(text).toContain('in event/subscribe "qrscene_spring_campaign"');
  });
});

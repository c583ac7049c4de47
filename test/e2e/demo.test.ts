import { runDemo } from '../../src/cli/demo';

describe('wxoa demo', () => {
  it('when a newcomer runs the demo, then it shows the follower round trip, the operator reply on the phone and the server log', async () => {
    const out: string[] = [];
    const err: string[] = [];
    await runDemo({ out: (line: string) => out.push(line), err: (line: string) => err.push(line), setExitCode: () => {} });
    const text = out.join('\n');
    expect(err).toEqual([]);
    expect(text.match(/accepted by WeChat/g)).toHaveLength(3);
    expect(text).toContain("The follower's phone shows 1 message(s)");
    expect(text).toMatch(/\[custom\] text: .*周末 10:00–18:00 营业/);
    expect(text).toContain('holds 3 entries');
    expect(text).toContain('in event/subscribe "qrscene_spring_campaign"');
  });
});

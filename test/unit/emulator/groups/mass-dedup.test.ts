import { registerPublishing } from '../../../../src/emulator/groups/publishing';
import { publishingHarness, rawId, settle } from './publishing-fake-emulator';

const text = (content: string, extra: Record<string, unknown> = {}) => ({ filter: { is_to_all: true }, msgtype: 'text', text: { content }, ...extra });

describe('emulator mass send: clientmsgid', () => {
  it('when a clientmsgid is reused within 24 h, then 45065 carries the first msg_id as a bare integer beyond 2^53', async () => {
    const h = publishingHarness(registerPublishing);
    h.emu.addFollower('wxservice', 'o1');
    const first = await h.post('/cgi-bin/message/mass/sendall', text('a', { clientmsgid: 'job-1' }));
    expect(first.body.errcode).toBe(0);
    const msgId = rawId(first.raw, 'msg_id');
    expect(first.raw).toMatch(new RegExp(`"msg_id":${msgId}[,}]`)); // a JSON number, as WeChat writes it
    expect(BigInt(msgId) > BigInt(Number.MAX_SAFE_INTEGER)).toBe(true);

    h.emu.clock.advance(23 * 3600 * 1000);
    const again = await h.post('/cgi-bin/message/mass/sendall', text('different content', { clientmsgid: 'job-1' }));
    expect(again.body.errcode).toBe(45065);
    expect(rawId(again.raw, 'msg_id')).toBe(msgId);
  });

  it('when the same clientmsgid comes back after 24 h, then it is a new send', async () => {
    const h = publishingHarness(registerPublishing);
    const first = await h.post('/cgi-bin/message/mass/sendall', text('a', { clientmsgid: 'job-1' }));
    h.emu.clock.advance(24 * 3600 * 1000);
    const again = await h.post('/cgi-bin/message/mass/sendall', text('a', { clientmsgid: 'job-1' }));
    expect(again.body.errcode).toBe(0);
    expect(rawId(again.raw, 'msg_id')).not.toBe(rawId(first.raw, 'msg_id'));
  });

  it('when the clientmsgid is 65 bytes, then 45067; at 64 bytes it is accepted', async () => {
    const h = publishingHarness(registerPublishing);
    expect((await h.post('/cgi-bin/message/mass/sendall', text('a', { clientmsgid: 'x'.repeat(65) }))).body.errcode).toBe(45067);
    expect((await h.post('/cgi-bin/message/mass/sendall', text('a', { clientmsgid: '群'.repeat(21) + 'x' }))).body.errcode).toBe(0);
  });

  it('when no clientmsgid is given, then the same audience and content within 24 h is 45065 but other content is not', async () => {
    const h = publishingHarness(registerPublishing);
    const first = await h.post('/cgi-bin/message/mass/sendall', text('same'));
    const repeat = await h.post('/cgi-bin/message/mass/sendall', text('same'));
    const other = await h.post('/cgi-bin/message/mass/sendall', text('other'));
    expect(repeat.body.errcode).toBe(45065);
    expect(rawId(repeat.raw, 'msg_id')).toBe(rawId(first.raw, 'msg_id'));
    expect(other.body.errcode).toBe(0);
  });

  it('when a send is refused for quota, then its clientmsgid is not remembered', async () => {
    const h = publishingHarness(registerPublishing);
    h.emu.addAccount({ appId: 'wxsub', type: 'subscription' });
    await h.post('/cgi-bin/message/mass/sendall', text('a', { clientmsgid: 'day-1' }), 'wxsub');
    expect((await h.post('/cgi-bin/message/mass/sendall', text('b', { clientmsgid: 'day-1b' }), 'wxsub')).body.errcode).toBe(45028);
    h.emu.clock.advance(24 * 3600 * 1000);
    await settle();
    expect((await h.post('/cgi-bin/message/mass/sendall', text('b', { clientmsgid: 'day-1b' }), 'wxsub')).body.errcode).toBe(0);
  });
});

import { registerPublishing } from '../../../../src/emulator/groups/publishing';
import { publishingHarness, settle } from './publishing-fake-emulator';

const text = (content: string, filter: Record<string, unknown> = { is_to_all: true }) => ({ filter, msgtype: 'text', text: { content } });
const finishes = (h: ReturnType<typeof publishingHarness>) => h.emu.events.filter((e) => e.fields.Event === 'MASSSENDJOBFINISH').map((e) => e.fields);

describe('emulator mass send: subscription account, one sendall a day', () => {
  it('when a second sendall comes the same Beijing day, then 45028; after Beijing midnight, it succeeds', async () => {
    const h = publishingHarness(registerPublishing);
    h.emu.addAccount({ appId: 'wxsub', type: 'subscription' });
    // 2026-01-01 11:00 Beijing; 12:59 later is 23:59 the same Beijing day.
    expect((await h.post('/cgi-bin/message/mass/sendall', text('1'), 'wxsub')).body.errcode).toBe(0);
    h.emu.clock.advance((12 * 60 + 59) * 60 * 1000);
    expect((await h.post('/cgi-bin/message/mass/sendall', text('2', { is_to_all: false, tag_id: 100 }), 'wxsub')).body.errcode).toBe(45028);
    h.emu.clock.advance(60 * 1000); // 00:00 Beijing, still 16:00 UTC the same UTC day
    expect((await h.post('/cgi-bin/message/mass/sendall', text('2'), 'wxsub')).body.errcode).toBe(0);
  });

  it('when a subscription account sends by openid list, then 48001', async () => {
    const h = publishingHarness(registerPublishing);
    h.emu.addAccount({ appId: 'wxsub', type: 'subscription' });
    expect((await h.post('/cgi-bin/message/mass/send', { touser: ['o1', 'o2'], msgtype: 'text', text: { content: 'x' } }, 'wxsub')).body.errcode).toBe(48001);
  });

  it('when the account is not verified, then every mass endpoint answers 48001', async () => {
    const h = publishingHarness(registerPublishing);
    h.emu.addAccount({ appId: 'wxunverified', verified: false });
    expect((await h.post('/cgi-bin/message/mass/sendall', text('1'), 'wxunverified')).body.errcode).toBe(48001);
    expect((await h.post('/cgi-bin/message/mass/speed/get', {}, 'wxunverified')).body.errcode).toBe(48001);
  });
});

describe('emulator mass send: service account', () => {
  it('when a follower already had 4 mass messages this month, then the 5th send filters them out (FilterCount), not an error', async () => {
    const h = publishingHarness(registerPublishing);
    h.emu.addFollower('wxservice', 'o1', { tagIds: [7] });
    h.emu.addFollower('wxservice', 'o2', { tagIds: [7] });
    for (let i = 1; i <= 4; i++) {
      expect((await h.post('/cgi-bin/message/mass/sendall', text(`m${i}`, { is_to_all: false, tag_id: 7 }))).body.errcode).toBe(0);
      await settle();
    }
    h.emu.addFollower('wxservice', 'o3', { tagIds: [7] });
    expect((await h.post('/cgi-bin/message/mass/sendall', text('m5', { is_to_all: false, tag_id: 7 }))).body.errcode).toBe(0);
    await settle();
    const fifth = finishes(h)[4]!;
    expect(fifth).toMatchObject({ TotalCount: 3, FilterCount: 1, SentCount: 1, ErrorCount: 0 });
    expect(h.emu.inbox('wxservice', 'o1')).toHaveLength(4);
    expect(h.emu.inbox('wxservice', 'o3')).toHaveLength(1);
  });

  it('when the calendar month turns, then the per-follower count starts again', async () => {
    const h = publishingHarness(registerPublishing);
    h.emu.addFollower('wxservice', 'o1', { tagIds: [7] });
    for (let i = 1; i <= 4; i++) {
      await h.post('/cgi-bin/message/mass/sendall', text(`m${i}`, { is_to_all: false, tag_id: 7 }));
      await settle();
    }
    h.emu.clock.set(Date.UTC(2026, 0, 31, 16, 0, 0)); // 2026-02-01 00:00 Beijing
    await h.post('/cgi-bin/message/mass/sendall', text('feb', { is_to_all: false, tag_id: 7 }));
    await settle();
    expect(finishes(h)[4]).toMatchObject({ TotalCount: 1, FilterCount: 1, SentCount: 1 });
  });

  it('when a fifth to-all send comes in one month, then 45028', async () => {
    const h = publishingHarness(registerPublishing);
    for (let i = 1; i <= 4; i++) expect((await h.post('/cgi-bin/message/mass/sendall', text(`m${i}`))).body.errcode).toBe(0);
    expect((await h.post('/cgi-bin/message/mass/sendall', text('m5'))).body.errcode).toBe(45028);
    expect((await h.post('/cgi-bin/message/mass/sendall', text('m5', { is_to_all: false, tag_id: 1 }))).body.errcode).toBe(0);
  });
});

describe('emulator mass send: 60 calls a minute', () => {
  it('when the 61st mass call arrives within 60 s, then 45011; 60 s after the first, calls pass again', async () => {
    const h = publishingHarness(registerPublishing);
    for (let i = 0; i < 60; i++) {
      expect((await h.post('/cgi-bin/message/mass/speed/get', {})).body.errcode).toBeUndefined();
      if (i === 0) h.emu.clock.advance(1000);
    }
    expect((await h.post('/cgi-bin/message/mass/sendall', text('x'))).body.errcode).toBe(45011);
    h.emu.clock.advance(59 * 1000); // the first call is now 60 s old and leaves the window
    expect((await h.post('/cgi-bin/message/mass/get', { msg_id: '1' })).body.errcode).toBe(40097);
    expect((await h.post('/cgi-bin/message/mass/get', { msg_id: '1' })).body.errcode).toBe(45011);
  });
});

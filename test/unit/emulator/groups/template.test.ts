import { registerPublishing } from '../../../../src/emulator/groups/publishing';
import { publishingHarness, rawId, settle } from './publishing-fake-emulator';

async function withTemplate() {
  const h = publishingHarness(registerPublishing);
  const templateId = (await h.post('/cgi-bin/template/api_add_template', { template_id_short: 'TM00001', keyword_name_list: ['Order', 'Status'] })).body.template_id as string;
  return { h, templateId };
}

describe('emulator template messages', () => {
  it('when sent to a follower, then msgid comes back, the phone shows it and TEMPLATESENDJOBFINISH says success', async () => {
    const { h, templateId } = await withTemplate();
    h.emu.addFollower('wxservice', 'o1');
    const res = await h.post('/cgi-bin/message/template/send', { touser: 'o1', template_id: templateId, url: 'https://x', data: { keyword1: { value: 'A1' } } });
    expect(res.body).toMatchObject({ errcode: 0, errmsg: 'ok' });
    const msgId = rawId(res.raw, 'msgid');
    await settle();
    expect(h.emu.inbox('wxservice', 'o1')).toMatchObject([{ source: 'template', msgType: 'template', content: { template_id: templateId, data: { keyword1: { value: 'A1' } } } }]);
    expect(h.emu.events.map((e) => e.fields)).toEqual([{ Event: 'TEMPLATESENDJOBFINISH', MsgID: BigInt(msgId), Status: 'success' }]);
  });

  it('when the follower blocked the account, then nothing reaches the phone and the status is failed:user block', async () => {
    const { h, templateId } = await withTemplate();
    h.emu.addFollower('wxservice', 'o1', { blacklisted: true });
    await h.post('/cgi-bin/message/template/send', { touser: 'o1', template_id: templateId, data: {} });
    await settle();
    expect(h.emu.inbox('wxservice', 'o1')).toHaveLength(0);
    expect(h.emu.events[0]!.fields.Status).toBe('failed:user block');
  });

  it('when the recipient unfollowed, then 43004; unknown is 40003; a bad template 40037; bad data 47003', async () => {
    const { h, templateId } = await withTemplate();
    h.emu.addFollower('wxservice', 'gone', { subscribed: false });
    h.emu.addFollower('wxservice', 'o1');
    expect((await h.post('/cgi-bin/message/template/send', { touser: 'gone', template_id: templateId, data: {} })).body.errcode).toBe(43004);
    expect((await h.post('/cgi-bin/message/template/send', { touser: 'nobody', template_id: templateId, data: {} })).body.errcode).toBe(40003);
    expect((await h.post('/cgi-bin/message/template/send', { touser: 'o1', template_id: 'nope', data: {} })).body.errcode).toBe(40037);
    expect((await h.post('/cgi-bin/message/template/send', { touser: 'o1', template_id: templateId, data: { k: 'bare' } })).body.errcode).toBe(47003);
    expect(h.emu.inbox('wxservice', 'gone')).toHaveLength(0);
  });

  it('when a subscription account sends, then 48001', async () => {
    const { h } = await withTemplate();
    h.emu.addAccount({ appId: 'wxsub', type: 'subscription' });
    expect((await h.post('/cgi-bin/message/template/send', { touser: 'o1', template_id: 'x', data: {} }, 'wxsub')).body.errcode).toBe(48001);
  });

  it('when templates are listed and one deleted, then the list follows; the 26th template is 45026', async () => {
    const { h, templateId } = await withTemplate();
    expect((await h.get('/cgi-bin/template/get_all_private_template')).body.template_list).toMatchObject([{ template_id: templateId, title: 'TM00001' }]);
    expect((await h.post('/cgi-bin/template/del_private_template', { template_id: templateId })).body.errcode).toBe(0);
    expect((await h.post('/cgi-bin/template/del_private_template', { template_id: templateId })).body.errcode).toBe(40037);
    for (let i = 0; i < 25; i++) expect((await h.post('/cgi-bin/template/api_add_template', { template_id_short: `TM${i}` })).body.errcode).toBe(0);
    expect((await h.post('/cgi-bin/template/api_add_template', { template_id_short: 'TM26' })).body.errcode).toBe(45026);
  });
});

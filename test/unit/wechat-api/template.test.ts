import { TemplateApi } from '../../../src/wechat-api/template';
import { fakeCaller, onlyCall } from './publishing-fake-caller';

describe('TemplateApi', () => {
  it('when sending, then camelCase becomes WeChat\'s body, plain strings become {value} and the big msgid stays a string', async () => {
    const caller = fakeCaller(() => ({ errcode: 0, errmsg: 'ok', msgid: '3036383744390283265' }));
    const msgId = await new TemplateApi(caller).send({
      toUser: 'o1',
      templateId: 'T1',
      url: 'https://example.com',
      miniProgram: { appId: 'wxmini', pagePath: 'pages/index' },
      clientMsgId: 'c1',
      data: { thing1: 'Shipped', time2: { value: '2026-01-01', color: '#173177' } },
    });
    expect(msgId).toBe('3036383744390283265');
    expect(onlyCall(caller)).toMatchObject({
      path: '/cgi-bin/message/template/send',
      body: {
        touser: 'o1',
        template_id: 'T1',
        url: 'https://example.com',
        miniprogram: { appid: 'wxmini', pagepath: 'pages/index' },
        client_msg_id: 'c1',
        data: { thing1: { value: 'Shipped' }, time2: { value: '2026-01-01', color: '#173177' } },
      },
    });
  });

  it('when sending without url or mini program, then neither key is sent', async () => {
    const caller = fakeCaller(() => ({ msgid: 1 }));
    await expect(new TemplateApi(caller).send({ toUser: 'o1', templateId: 'T1', data: {} })).resolves.toBe('1');
    expect(Object.keys(onlyCall(caller).body as object).sort()).toEqual(['data', 'template_id', 'touser']);
  });

  it('when adding, listing and deleting templates, then ids and fields are mapped', async () => {
    const caller = fakeCaller((c) => {
      if (c.path.endsWith('api_add_template')) return { template_id: 'T9' };
      if (c.path.endsWith('get_all_private_template')) {
        return { template_list: [{ template_id: 'T9', title: 'Shipped', primary_industry: 'IT', deputy_industry: 'Net', content: '{{a.DATA}}', example: 'e' }] };
      }
      return {};
    });
    const api = new TemplateApi(caller);
    await expect(api.addTemplate('TM001', ['Order'])).resolves.toBe('T9');
    await expect(api.listTemplates()).resolves.toEqual([{ templateId: 'T9', title: 'Shipped', primaryIndustry: 'IT', deputyIndustry: 'Net', content: '{{a.DATA}}', example: 'e' }]);
    await api.deleteTemplate('T9');
    expect(caller.calls.map((c) => [c.method, c.path, c.body])).toEqual([
      ['POST', '/cgi-bin/template/api_add_template', { template_id_short: 'TM001', keyword_name_list: ['Order'] }],
      ['GET', '/cgi-bin/template/get_all_private_template', undefined],
      ['POST', '/cgi-bin/template/del_private_template', { template_id: 'T9' }],
    ]);
  });
});

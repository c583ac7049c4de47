import type Router from '@koa/router';
import { EmulatorError, type EmulatorAccount, type EmulatorContext } from '../core/contract';
import { BigIdSequence, MP_HELPER_OPENID, opaqueId, perAccount, readJson, sendJson } from './publishing-wire';

interface Template {
  templateId: string;
  title: string;
  content: string;
}

/** §11.1: an account holds a limited number of templates (commonly 25). */
const MAX_TEMPLATES = 25;

/**
 * Template messages (docs/wechat-protocol.md §11.1): the account's templates, send → msgid, the
 * message on the follower's phone and TEMPLATESENDJOBFINISH (§2.3). Service accounts only.
 */
export function registerTemplate(router: Router, emu: EmulatorContext): void {
  const templates = perAccount(() => new Map<string, Template>(), emu);
  const msgIds = new BigIdSequence();

  const serviceAccount = (account: EmulatorAccount): EmulatorAccount => {
    if (account.type !== 'service' || !account.verified) throw new EmulatorError(48001, 'api unauthorized');
    return account;
  };

  router.post('/cgi-bin/template/api_add_template', async (ctx) => {
    const account = serviceAccount(emu.authenticate(ctx));
    const body = await readJson(ctx);
    if (typeof body.template_id_short !== 'string' || body.template_id_short === '') throw new EmulatorError(40037, 'invalid template_id');
    const mine = templates(account.appId);
    if (mine.size >= MAX_TEMPLATES) throw new EmulatorError(45026, 'template num exceeds limit');
    const names = Array.isArray(body.keyword_name_list) ? body.keyword_name_list.map(String) : ['keyword1', 'keyword2'];
    const template: Template = {
      templateId: opaqueId(32),
      title: body.template_id_short,
      content: names.map((name, i) => `${name}：{{keyword${i + 1}.DATA}}`).join('\n'),
    };
    mine.set(template.templateId, template);
    sendJson(ctx, { errcode: 0, errmsg: 'ok', template_id: template.templateId });
  });

  router.get('/cgi-bin/template/get_all_private_template', (ctx) => {
    const account = serviceAccount(emu.authenticate(ctx));
    const list = [...templates(account.appId).values()].map((t) => ({
      template_id: t.templateId,
      title: t.title,
      primary_industry: 'IT科技',
      deputy_industry: '互联网|电子商务',
      content: t.content,
      example: '',
    }));
    sendJson(ctx, { template_list: list });
  });

  router.post('/cgi-bin/template/del_private_template', async (ctx) => {
    const account = serviceAccount(emu.authenticate(ctx));
    const { template_id: id } = await readJson(ctx);
    if (typeof id !== 'string' || !templates(account.appId).delete(id)) throw new EmulatorError(40037, 'invalid template_id');
    sendJson(ctx, { errcode: 0, errmsg: 'ok' });
  });

  router.post('/cgi-bin/message/template/send', async (ctx) => {
    const account = serviceAccount(emu.authenticate(ctx));
    const body = await readJson(ctx);
    if (typeof body.template_id !== 'string' || !templates(account.appId).has(body.template_id)) throw new EmulatorError(40037, 'invalid template_id');
    const follower = typeof body.touser === 'string' ? emu.followers(account.appId).get(body.touser) : undefined;
    if (!follower) throw new EmulatorError(40003, 'invalid openid');
    if (!follower.subscribed) throw new EmulatorError(43004, 'require subscribe');
    checkData(body.data);
    checkLink(body);
    const msgId = msgIds.next(emu.nowSeconds());
    const content = { template_id: body.template_id, url: body.url, miniprogram: body.miniprogram, data: body.data };
    setImmediate(() => {
      // A follower who blocked the account is not delivered to; WeChat reports it in the callback.
      const current = emu.followers(account.appId).get(follower.openid);
      const blocked = current?.blacklisted === true;
      if (!blocked) emu.deliver(account.appId, follower.openid, { source: 'template', msgType: 'template', content });
      void emu.pushEvent(account.appId, MP_HELPER_OPENID, { Event: 'TEMPLATESENDJOBFINISH', MsgID: msgId, Status: blocked ? 'failed:user block' : 'success' });
    });
    sendJson(ctx, { errcode: 0, errmsg: 'ok', msgid: msgId });
  });
}

/** data: {"keyword": {"value": "…", "color"?: "#…"}}; anything else is 47003. */
function checkData(data: unknown): void {
  if (data === null || typeof data !== 'object' || Array.isArray(data)) throw new EmulatorError(47003, 'argument invalid! data invalid');
  for (const [key, entry] of Object.entries(data)) {
    if (entry === null || typeof entry !== 'object' || typeof (entry as { value?: unknown }).value !== 'string') {
      throw new EmulatorError(47003, `argument invalid! data.${key}.value invalid`);
    }
  }
}

function checkLink(body: Record<string, unknown>): void {
  if (body.url !== undefined && typeof body.url !== 'string') throw new EmulatorError(47001, 'data format error');
  const mini = body.miniprogram as { appid?: unknown } | undefined;
  if (mini !== undefined && (mini === null || typeof mini !== 'object' || typeof mini.appid !== 'string')) throw new EmulatorError(47001, 'data format error');
}

import { createHash } from 'node:crypto';
import type Router from '@koa/router';
import type { Context } from 'koa';
import { EmulatorError, type EmulatorAccount, type EmulatorContext, type Follower } from '../core/contract';
import { runMassJob } from './mass-job';
import {
  MassLedger,
  MAX_CLIENT_MSG_ID_BYTES,
  SERVICE_API_SENDS_PER_DAY,
  SERVICE_TO_ALL_PER_MONTH,
  SUBSCRIPTION_SENDS_PER_DAY,
  TOWXNAME_PER_DAY,
  type MassGate,
  type MassRecord,
} from './mass-ledger';
import { registerMassManage } from './mass-manage';
import { inboxContent, readMassMessage, type MassMessage } from './mass-message';
import type { PublishingState } from './publishing-state';
import { BigIdSequence, invalidArgs, opaqueId, perAccount, readJson, sendError, sendJson } from './publishing-wire';

interface Audience {
  kind: 'to_all' | 'tag' | 'openids';
  /** For the clientmsgid WeChat derives when none is given. */
  key: string;
  targets: string[];
}

/** Mass sends (群发): docs/wechat-protocol.md §7.1–7.2, MASSSENDJOBFINISH §2.4. */
export function registerMass(router: Router, emu: EmulatorContext, state: PublishingState): void {
  const ledgers = perAccount(() => new MassLedger(), emu);
  const msgIds = new BigIdSequence();
  let msgDataIds = 2_247_483_647;

  const gate: MassGate = (ctx) => {
    const account = emu.authenticate(ctx);
    const ledger = ledgers(account.appId);
    ledger.hit(emu.clock.now().getTime());
    // §7.1: the mass API belongs to verified accounts.
    if (!account.verified) throw new EmulatorError(48001, 'api unauthorized');
    return { account, ledger };
  };

  router.post('/cgi-bin/message/mass/sendall', async (ctx) => {
    const { account, ledger } = gate(ctx);
    const body = await readJson(ctx);
    const filter = body.filter as { is_to_all?: unknown; tag_id?: unknown } | undefined;
    if (!filter || typeof filter !== 'object') throw new EmulatorError(47001, 'data format error');
    const toAll = filter.is_to_all === true;
    if (!toAll && !Number.isInteger(filter.tag_id)) throw invalidArgs('filter.tag_id is required when is_to_all is false');
    const followers = [...emu.followers(account.appId).values()].filter((f) => f.subscribed);
    const audience: Audience = toAll
      ? { kind: 'to_all', key: 'all', targets: followers.map((f) => f.openid) }
      : { kind: 'tag', key: `tag:${String(filter.tag_id)}`, targets: followers.filter((f) => f.tagIds.includes(filter.tag_id as number)).map((f) => f.openid) };
    await submit(ctx, account, ledger, body, audience);
  });

  router.post('/cgi-bin/message/mass/send', async (ctx) => {
    const { account, ledger } = gate(ctx);
    // §7.2: sending by openid list is for (verified) service accounts only.
    if (account.type !== 'service') throw new EmulatorError(48001, 'api unauthorized');
    const body = await readJson(ctx);
    if (!Array.isArray(body.touser) || !body.touser.every((o) => typeof o === 'string')) throw new EmulatorError(47001, 'data format error');
    const openids = [...new Set(body.touser as string[])];
    if (openids.length < 2 || openids.length > 10_000) throw new EmulatorError(40130, 'invalid openid list size, at least two openid');
    await submit(ctx, account, ledger, body, { kind: 'openids', key: `openids:${[...openids].sort().join(',')}`, targets: openids });
  });

  async function submit(ctx: Context, account: EmulatorAccount, ledger: MassLedger, body: Record<string, unknown>, audience: Audience): Promise<void> {
    const now = emu.nowSeconds();
    const message = readMassMessage(body, state, account.appId, now);
    const clientMsgId = readClientMsgId(body.clientmsgid) ?? derivedClientMsgId(audience, message);
    const existing = ledger.duplicateOf(clientMsgId, now);
    if (existing !== null) return sendError(ctx, 45065, 'clientmsgid exist', { msg_id: BigInt(existing) });
    checkQuota(account, ledger, audience, now);

    if (message.draftId !== null) state.drafts(account.appId).take(message.draftId);
    const record: MassRecord = {
      msgId: String(msgIds.next(now)),
      msgDataId: message.msgtype === 'mpnews' ? String(++msgDataIds) : null,
      msgtype: message.msgtype,
      status: 'SENDING',
      createdAt: now,
      articleCount: message.msgtype === 'mpnews' ? message.articles.length : message.msgtype === 'mpvideo' ? 1 : 0,
      articleUrls: message.articles.map(() => `https://mp.weixin.qq.com/s/${opaqueId(16)}`),
      deletedIdx: new Set(),
    };
    ledger.records.set(record.msgId, record);
    ledger.remember(clientMsgId, record.msgId, now);
    ledger.add(account.type === 'subscription' ? 'sendall' : 'api_send', now);
    if (audience.kind === 'to_all') ledger.add('to_all', now);

    const job = { appId: account.appId, accountType: account.type, record, message, targets: audience.targets };
    setImmediate(() => void runMassJob(emu, ledger, job).catch(() => { record.status = 'SEND_FAIL'; }));
    sendJson(ctx, {
      errcode: 0,
      errmsg: 'send job submission success',
      msg_id: BigInt(record.msgId),
      ...(record.msgDataId === null ? {} : { msg_data_id: Number(record.msgDataId) }),
    });
  }

  router.post('/cgi-bin/message/mass/preview', async (ctx) => {
    const { account, ledger } = gate(ctx);
    const body = await readJson(ctx);
    const now = emu.nowSeconds();
    const message = readMassMessage(body, state, account.appId, now);
    const follower = previewTarget(body, ledger, emu.followers(account.appId), now);
    // A preview leaves the draft in the box and counts toward no quota.
    emu.deliver(account.appId, follower.openid, { source: 'mass', msgType: message.msgtype, content: inboxContent(message, []) });
    sendJson(ctx, { errcode: 0, errmsg: 'preview success', msg_id: BigInt(msgIds.next(now)) });
  });

  registerMassManage(router, gate);
}

function readClientMsgId(value: unknown): string | null {
  if (value === undefined || value === null || value === '') return null;
  if (typeof value !== 'string') throw new EmulatorError(47001, 'data format error');
  if (Buffer.byteLength(value, 'utf8') > MAX_CLIENT_MSG_ID_BYTES) throw new EmulatorError(45067, 'clientmsgid size out of limit');
  return value;
}

/** §7.2: without a clientmsgid WeChat dedups on a digest of audience and content. */
function derivedClientMsgId(audience: Audience, message: MassMessage): string {
  const digest = createHash('sha256').update(JSON.stringify([audience.key, message.msgtype, message.payload])).digest('hex');
  return `derived:${digest}`;
}

/**
 * §7.1: a subscription account gets one sendall a day; a service account four to-all sends a
 * month and (the documented default) 100 send calls a day.
 */
function checkQuota(account: EmulatorAccount, ledger: MassLedger, audience: Audience, now: number): void {
  if (account.type === 'subscription') {
    if (ledger.countToday('sendall', now) >= SUBSCRIPTION_SENDS_PER_DAY) throw new EmulatorError(45028, 'has no masssend quota');
    return;
  }
  if (audience.kind === 'to_all' && ledger.countThisMonth('to_all', now) >= SERVICE_TO_ALL_PER_MONTH) {
    throw new EmulatorError(45028, 'has no masssend quota');
  }
  if (ledger.countToday('api_send', now) >= SERVICE_API_SENDS_PER_DAY) throw new EmulatorError(45009, 'reach max api daily quota limit');
}

/** towxname wins over touser (§7.2) and is limited to 100 a day. */
function previewTarget(body: Record<string, unknown>, ledger: MassLedger, followers: Map<string, Follower>, now: number): Follower {
  let follower: Follower | undefined;
  if (typeof body.towxname === 'string' && body.towxname !== '') {
    if (ledger.countToday('towxname', now) >= TOWXNAME_PER_DAY) throw new EmulatorError(45009, 'reach max api daily quota limit');
    ledger.add('towxname', now);
    follower = [...followers.values()].find((f) => wechatIdOf(f) === body.towxname);
    if (!follower) throw new EmulatorError(40132, 'invalid username');
  } else {
    follower = typeof body.touser === 'string' ? followers.get(body.touser) : undefined;
    if (!follower) throw new EmulatorError(40003, 'invalid openid');
  }
  if (!follower.subscribed) throw new EmulatorError(43004, 'require subscribe');
  return follower;
}

/**
 * The contract's Follower has no WeChat ID field; a follower may carry one (`wechatId`), and
 * otherwise its nickname stands in, so preview-by-towxname is testable.
 */
function wechatIdOf(follower: Follower): string {
  const extra = (follower as Follower & { wechatId?: unknown }).wechatId;
  return typeof extra === 'string' && extra !== '' ? extra : follower.nickname;
}

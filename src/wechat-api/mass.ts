import { ValidationError } from '../shared/errors';
import type { ApiCaller } from './caller';
import { WeChatApiError } from './errors';
import { idFromWire, massMessageToWire, msgIdToWire, type MassMessage } from './mass-message';

export type { MassMessage, MassMessageType } from './mass-message';

/** Who a sendall reaches: every follower, or the followers carrying one tag. */
export type MassFilter = { isToAll: true } | { tagId: number };

export interface MassSendOptions {
  message: MassMessage;
  /** Continue when an article is judged a reprint the original allows (send_ignore_reprint 1). */
  sendIgnoreReprint?: boolean;
  /**
   * Our idempotency key, ≤ 64 bytes. WeChat refuses a second send with the same id within 24 h
   * (45065), which is what makes a retried job safe: pass the same id on every attempt.
   */
  clientMsgId?: string;
}

/**
 * `submitted`: WeChat accepted the job (the outcome arrives later as MASSSENDJOBFINISH).
 * `duplicate`: a send with this clientMsgId already exists (45065); `msgId` is that earlier send,
 * so a retry can record it and carry on as "already sent".
 */
export type MassSendResult =
  | { outcome: 'submitted'; msgId: string; msgDataId: string | null }
  | { outcome: 'duplicate'; msgId: string };

export type MassStatus = 'SEND_SUCCESS' | 'SENDING' | 'SEND_FAIL' | 'DELETE';

export type PreviewTarget = { openid: string } | { wechatId: string };

const MAX_CLIENT_MSG_ID_BYTES = 64;
const MIN_OPENIDS = 2;
const MAX_OPENIDS = 10_000;

/** Mass sends (群发), docs/wechat-protocol.md §7.1–7.2. */
export class MassApi {
  constructor(private readonly api: ApiCaller) {}

  /**
   * Send to all followers or to one tag.
   * https://developers.weixin.qq.com/doc/service/api/notify/message/api_sendall.html
   */
  async sendAll(request: MassSendOptions & { filter: MassFilter }): Promise<MassSendResult> {
    const filter = 'isToAll' in request.filter ? { is_to_all: true } : { is_to_all: false, tag_id: request.filter.tagId };
    return this.submit('/cgi-bin/message/mass/sendall', { filter }, request);
  }

  /**
   * Send to a list of 2..10000 openids (service accounts only).
   * https://developers.weixin.qq.com/doc/service/api/notify/message/api_masssend.html
   */
  async send(request: MassSendOptions & { openids: string[] }): Promise<MassSendResult> {
    const count = new Set(request.openids).size;
    if (count < MIN_OPENIDS || count > MAX_OPENIDS) {
      throw new ValidationError(`a mass send by openid needs ${MIN_OPENIDS}..${MAX_OPENIDS} distinct openids, got ${count}`);
    }
    return this.submit('/cgi-bin/message/mass/send', { touser: [...new Set(request.openids)] }, request);
  }

  /**
   * Show a message to one follower before sending it. By WeChat ID (towxname) WeChat allows 100 a day.
   * https://developers.weixin.qq.com/doc/offiaccount/Message_Management/Batch_Sends_and_Originality_Checks.html
   */
  async preview(target: PreviewTarget, message: MassMessage): Promise<void> {
    const to = 'openid' in target ? { touser: target.openid } : { towxname: target.wechatId };
    await this.api.post('/cgi-bin/message/mass/preview', { ...to, ...massMessageToWire(message) });
  }

  /**
   * Delete a sent mpnews/mpvideo (its article page dies; delivered cards stay on phones).
   * `articleIdx` is 1-based; omitted deletes every article of the send.
   * https://developers.weixin.qq.com/doc/offiaccount/Message_Management/Batch_Sends_and_Originality_Checks.html
   */
  async delete(msgId: string, articleIdx?: number): Promise<void> {
    if (articleIdx !== undefined && (!Number.isInteger(articleIdx) || articleIdx < 0)) {
      throw new ValidationError(`articleIdx is 1-based (0 or omitted = all), got ${articleIdx}`);
    }
    await this.api.post('/cgi-bin/message/mass/delete', { msg_id: msgIdToWire(msgId), ...(articleIdx ? { article_idx: articleIdx } : {}) });
  }

  /**
   * The status of a send.
   * https://developers.weixin.qq.com/doc/offiaccount/Message_Management/Batch_Sends_and_Originality_Checks.html
   */
  async get(msgId: string): Promise<{ msgId: string; status: MassStatus }> {
    const endpoint = '/cgi-bin/message/mass/get';
    const body = await this.api.post<{ msg_id: unknown; msg_status: MassStatus }>(endpoint, { msg_id: msgIdToWire(msgId) });
    return { msgId: idFromWire(body.msg_id, 'msg_id', endpoint), status: body.msg_status };
  }

  /**
   * Delivery speed level 0 (fastest, 80万/min) .. 4 (10万/min); `realSpeed` is in 万/min.
   * https://developers.weixin.qq.com/doc/service/api/notify/message/api_getspeed.html
   */
  async getSpeed(): Promise<{ speed: number; realSpeed: number }> {
    const body = await this.api.post<{ speed: number; realspeed: number }>('/cgi-bin/message/mass/speed/get', {});
    return { speed: body.speed, realSpeed: body.realspeed };
  }

  /** https://developers.weixin.qq.com/doc/subscription/api/notify/message/api_setspeed.html */
  async setSpeed(speed: number): Promise<void> {
    if (!Number.isInteger(speed) || speed < 0 || speed > 4) throw new ValidationError(`speed is 0..4, got ${speed}`);
    await this.api.post('/cgi-bin/message/mass/speed/set', { speed });
  }

  private async submit(endpoint: string, audience: Record<string, unknown>, options: MassSendOptions): Promise<MassSendResult> {
    if (options.clientMsgId !== undefined) checkClientMsgId(options.clientMsgId);
    const body = {
      ...audience,
      ...massMessageToWire(options.message),
      send_ignore_reprint: options.sendIgnoreReprint ? 1 : 0,
      ...(options.clientMsgId === undefined ? {} : { clientmsgid: options.clientMsgId }),
    };
    try {
      const answer = await this.api.post<{ msg_id: unknown; msg_data_id?: unknown }>(endpoint, body);
      const msgDataId = answer.msg_data_id === undefined || answer.msg_data_id === null ? null : idFromWire(answer.msg_data_id, 'msg_data_id', endpoint);
      return { outcome: 'submitted', msgId: idFromWire(answer.msg_id, 'msg_id', endpoint), msgDataId };
    } catch (err) {
      // 45065 means "this clientmsgid was sent in the last 24 h": for a retried job that is success.
      if (err instanceof WeChatApiError && err.errcode === 45065 && err.extra.msg_id !== undefined) {
        return { outcome: 'duplicate', msgId: idFromWire(err.extra.msg_id, 'msg_id', endpoint) };
      }
      throw err;
    }
  }
}

function checkClientMsgId(clientMsgId: string): void {
  const bytes = Buffer.byteLength(clientMsgId, 'utf8');
  // WeChat answers 45067 past 64 bytes; refusing here keeps a bad id from costing a rate-limited call.
  if (bytes === 0 || bytes > MAX_CLIENT_MSG_ID_BYTES) {
    throw new ValidationError(`clientMsgId must be 1..${MAX_CLIENT_MSG_ID_BYTES} bytes of UTF-8, got ${bytes}`);
  }
}

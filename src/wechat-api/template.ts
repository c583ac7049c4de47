import { ValidationError } from '../shared/errors';
import type { ApiCaller } from './caller';
import { idFromWire } from './mass-message';

export interface TemplateMessage {
  toUser: string;
  templateId: string;
  /** Where a tap goes; ignored when `miniProgram` is set. Neither: the message is not clickable. */
  url?: string;
  miniProgram?: { appId: string; pagePath?: string };
  /** Our dedup id for the send. */
  clientMsgId?: string;
  /** keyword → value, e.g. { thing1: 'Order shipped' }, or with a (legacy) colour. */
  data: Record<string, string | { value: string; color?: string }>;
}

export interface PrivateTemplate {
  templateId: string;
  title: string;
  primaryIndustry: string;
  deputyIndustry: string;
  content: string;
  example: string;
}

/**
 * Template messages (service accounts), docs/wechat-protocol.md §11.1. The delivery result
 * arrives later as TEMPLATESENDJOBFINISH carrying the returned msgId.
 */
export class TemplateApi {
  constructor(private readonly api: ApiCaller) {}

  /**
   * Sends one template message; answers its msgid (a string: it can exceed 2^53).
   * https://developers.weixin.qq.com/doc/offiaccount/Message_Management/Template_Message_Interface.html
   */
  async send(message: TemplateMessage): Promise<string> {
    const endpoint = '/cgi-bin/message/template/send';
    const data: Record<string, { value: string; color?: string }> = {};
    for (const [key, value] of Object.entries(message.data)) data[key] = typeof value === 'string' ? { value } : value;
    const body = await this.api.post<{ msgid: unknown }>(endpoint, {
      touser: message.toUser,
      template_id: message.templateId,
      ...(message.url === undefined ? {} : { url: message.url }),
      ...(message.miniProgram === undefined
        ? {}
        : { miniprogram: { appid: message.miniProgram.appId, ...(message.miniProgram.pagePath === undefined ? {} : { pagepath: message.miniProgram.pagePath }) } }),
      ...(message.clientMsgId === undefined ? {} : { client_msg_id: message.clientMsgId }),
      data,
    });
    return idFromWire(body.msgid, 'msgid', endpoint);
  }

  /**
   * Adds a template from the library by its short id ("TM…"); answers the account's template_id.
   * https://developers.weixin.qq.com/doc/offiaccount/Message_Management/Template_Message_Interface.html
   */
  async addTemplate(templateIdShort: string, keywordNames?: string[]): Promise<string> {
    if (templateIdShort.trim() === '') throw new ValidationError('templateIdShort is required');
    const body = await this.api.post<{ template_id: string }>('/cgi-bin/template/api_add_template', {
      template_id_short: templateIdShort,
      ...(keywordNames === undefined ? {} : { keyword_name_list: keywordNames }),
    });
    return body.template_id;
  }

  /** https://developers.weixin.qq.com/doc/offiaccount/Message_Management/Template_Message_Interface.html */
  async listTemplates(): Promise<PrivateTemplate[]> {
    const body = await this.api.get<{ template_list?: Array<Record<string, string>> }>('/cgi-bin/template/get_all_private_template');
    return (body.template_list ?? []).map((t) => ({
      templateId: t.template_id ?? '',
      title: t.title ?? '',
      primaryIndustry: t.primary_industry ?? '',
      deputyIndustry: t.deputy_industry ?? '',
      content: t.content ?? '',
      example: t.example ?? '',
    }));
  }

  /** https://developers.weixin.qq.com/doc/offiaccount/Message_Management/Template_Message_Interface.html */
  async deleteTemplate(templateId: string): Promise<void> {
    await this.api.post('/cgi-bin/template/del_private_template', { template_id: templateId });
  }
}

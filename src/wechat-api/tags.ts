import type { ApiCaller } from './caller';
import { collect, inChunks, openidPages, openidsOf, type OpenidPage, type RawOpenidPage } from './users-paging';

export interface Tag {
  id: number;
  name: string;
  /** Followers carrying the tag. */
  count: number;
}

/** batchtagging / batchuntagging take at most 50 openids per call (protocol doc §8, 40032 beyond). */
export const TAG_BATCH_SIZE = 50;

/**
 * User tags. Limits WeChat enforces (and answers with an errcode we surface as WeChatApiError):
 * 100 tags per account (45056), names ≤ 30 bytes (45158) and unique (45157), reserved ids 0/1/2
 * (45058), 20 tags per user (45059), no deleting a tag with more than 100 000 fans (45057).
 */
export class TagsApi {
  constructor(private readonly caller: ApiCaller) {}

  /** https://developers.weixin.qq.com/doc/offiaccount/User_Management/User_Tag_Management.html */
  async create(name: string): Promise<{ id: number; name: string }> {
    const res = await this.caller.post<{ tag: { id: number; name: string } }>('/cgi-bin/tags/create', { tag: { name } });
    return { id: res.tag.id, name: res.tag.name };
  }

  /** https://developers.weixin.qq.com/doc/offiaccount/User_Management/User_Tag_Management.html */
  async get(): Promise<Tag[]> {
    const res = await this.caller.get<{ tags?: Tag[] }>('/cgi-bin/tags/get');
    return (res.tags ?? []).map((t) => ({ id: t.id, name: t.name, count: t.count }));
  }

  /** https://developers.weixin.qq.com/doc/offiaccount/User_Management/User_Tag_Management.html */
  async update(id: number, name: string): Promise<void> {
    await this.caller.post('/cgi-bin/tags/update', { tag: { id, name } });
  }

  /** https://developers.weixin.qq.com/doc/offiaccount/User_Management/User_Tag_Management.html */
  async delete(id: number): Promise<void> {
    await this.caller.post('/cgi-bin/tags/delete', { tag: { id } });
  }

  /**
   * Tags the openids, one call per 50 in order; a failing chunk throws and leaves the earlier
   * chunks applied (tagging is idempotent, so calling again is safe).
   * https://developers.weixin.qq.com/doc/service/api/usermanage/tag/api_batchtagging.html
   */
  async batchTag(tagId: number, openids: readonly string[]): Promise<void> {
    await this.inBatches('/cgi-bin/tags/members/batchtagging', tagId, openids);
  }

  /** As batchTag, removing the tag. https://developers.weixin.qq.com/doc/offiaccount/User_Management/User_Tag_Management.html */
  async batchUntag(tagId: number, openids: readonly string[]): Promise<void> {
    await this.inBatches('/cgi-bin/tags/members/batchuntagging', tagId, openids);
  }

  /**
   * The followers carrying a tag, a page (≤ 10 000) at a time, with the same stop rule as user/get.
   * https://developers.weixin.qq.com/doc/offiaccount/User_Management/User_Tag_Management.html
   */
  fansOfTagPages(tagId: number, nextOpenid?: string): AsyncGenerator<OpenidPage, void, undefined> {
    const fetch = (cursor: string | undefined) => this.caller.post<RawOpenidPage>('/cgi-bin/user/tag/get', { tagid: tagId, next_openid: cursor ?? '' });
    return openidPages(fetch, nextOpenid);
  }

  /** Openids carrying the tag, streamed. */
  fansOfTag(tagId: number, nextOpenid?: string): AsyncGenerator<string, void, undefined> {
    return openidsOf(this.fansOfTagPages(tagId, nextOpenid));
  }

  /** Every openid carrying the tag at once. */
  allFansOfTag(tagId: number): Promise<string[]> {
    return collect(this.fansOfTag(tagId));
  }

  /** The tag ids on one user. https://developers.weixin.qq.com/doc/offiaccount/User_Management/User_Tag_Management.html */
  async tagsOfUser(openid: string): Promise<number[]> {
    const res = await this.caller.post<{ tagid_list?: number[] }>('/cgi-bin/tags/getidlist', { openid });
    return res.tagid_list ?? [];
  }

  private async inBatches(path: string, tagId: number, openids: readonly string[]): Promise<void> {
    for (const chunk of inChunks(openids, TAG_BATCH_SIZE)) {
      await this.caller.post(path, { openid_list: chunk, tagid: tagId });
    }
  }
}

import { ValidationError } from '../shared/errors';
import type { ApiCaller, Downloaded } from './caller';
import { checkPage } from './draft';
import { articleFromWire, type Article, type WireArticle } from './draft-article';

export type MediaType = 'image' | 'voice' | 'video' | 'thumb';

export interface MediaFile {
  filename: string;
  contentType: string;
  data: Buffer;
}

/** A downloaded medium: the bytes, or (videos) where to fetch them. */
export type MediaContent =
  | { kind: 'file'; contentType: string; filename: string | null; data: Buffer }
  | { kind: 'video'; videoUrl: string };

export type PermanentContent =
  | { kind: 'file'; contentType: string; filename: string | null; data: Buffer }
  | { kind: 'video'; title: string; description: string; downUrl: string }
  | { kind: 'news'; articles: Article[] };

export interface MaterialCounts {
  voiceCount: number;
  videoCount: number;
  imageCount: number;
  newsCount: number;
}

export interface MaterialPage {
  totalCount: number;
  itemCount: number;
  items: Array<{ mediaId: string; name: string; updateTime: number; url: string | null }>;
}

/** Temporary media, article images and the permanent material library, docs/wechat-protocol.md §11.2. */
export class MediaApi {
  constructor(private readonly api: ApiCaller) {}

  /**
   * A temporary medium (multipart field `media`); the id works for 3 days.
   * https://developers.weixin.qq.com/doc/offiaccount/Asset_Management/New_temporary_materials.html
   */
  async uploadTemporary(type: MediaType, file: MediaFile): Promise<{ type: MediaType; mediaId: string; createdAt: number }> {
    const body = await this.api.upload<{ type: MediaType; media_id: string; created_at: number }>('/cgi-bin/media/upload', { ...file, field: 'media' }, undefined, { type });
    return { type: body.type, mediaId: body.media_id, createdAt: Number(body.created_at) };
  }

  /**
   * The bytes of a temporary medium; videos answer a URL instead.
   * https://developers.weixin.qq.com/doc/offiaccount/Asset_Management/Get_temporary_materials.html
   */
  async getTemporary(mediaId: string): Promise<MediaContent> {
    const answer = await this.api.download('GET', '/cgi-bin/media/get', { query: { media_id: mediaId } });
    if (answer.kind === 'file') return fileOf(answer);
    return { kind: 'video', videoUrl: String((answer.body as { video_url?: unknown }).video_url ?? '') };
  }

  /**
   * An image for article content (JPG/PNG < 1 MB); not counted in the library. Answers its URL.
   * https://developers.weixin.qq.com/doc/offiaccount/Asset_Management/Adding_Permanent_Assets.html
   */
  async uploadImage(file: MediaFile): Promise<string> {
    const body = await this.api.upload<{ url: string }>('/cgi-bin/media/uploadimg', { ...file, field: 'media' });
    return body.url;
  }

  /**
   * A permanent material. Videos need a title and introduction (the `description` form field).
   * https://developers.weixin.qq.com/doc/offiaccount/Asset_Management/Adding_Permanent_Assets.html
   */
  async addPermanent(type: MediaType, file: MediaFile, video?: { title: string; introduction: string }): Promise<{ mediaId: string; url: string | null }> {
    if (type === 'video' && !video) throw new ValidationError('a permanent video needs a title and an introduction');
    const fields = type === 'video' && video ? { description: JSON.stringify({ title: video.title, introduction: video.introduction }) } : undefined;
    const body = await this.api.upload<{ media_id: string; url?: string }>('/cgi-bin/material/add_material', { ...file, field: 'media' }, fields, { type });
    return { mediaId: body.media_id, url: body.url ?? null };
  }

  /** https://developers.weixin.qq.com/doc/offiaccount/Asset_Management/Getting_Permanent_Assets.html */
  async getPermanent(mediaId: string): Promise<PermanentContent> {
    const answer = await this.api.download('POST', '/cgi-bin/material/get_material', { body: { media_id: mediaId } });
    if (answer.kind === 'file') return fileOf(answer);
    const body = answer.body as { title?: string; description?: string; down_url?: string; news_item?: WireArticle[] };
    if (Array.isArray(body.news_item)) return { kind: 'news', articles: body.news_item.map(articleFromWire) };
    return { kind: 'video', title: body.title ?? '', description: body.description ?? '', downUrl: body.down_url ?? '' };
  }

  /**
   * WeChat refuses (48005) while an auto-reply or the menu uses the material.
   * https://developers.weixin.qq.com/doc/offiaccount/Asset_Management/Deleting_Permanent_Assets.html
   */
  async deletePermanent(mediaId: string): Promise<void> {
    await this.api.post('/cgi-bin/material/del_material', { media_id: mediaId });
  }

  /** https://developers.weixin.qq.com/doc/offiaccount/Asset_Management/Get_the_total_of_all_materials.html */
  async countPermanent(): Promise<MaterialCounts> {
    const body = await this.api.get<{ voice_count: number; video_count: number; image_count: number; news_count: number }>('/cgi-bin/material/get_materialcount');
    return { voiceCount: body.voice_count, videoCount: body.video_count, imageCount: body.image_count, newsCount: body.news_count };
  }

  /** https://developers.weixin.qq.com/doc/offiaccount/Asset_Management/Get_materials_list.html */
  async batchGetPermanent(request: { type: MediaType; offset: number; count: number }): Promise<MaterialPage> {
    checkPage(request);
    const body = await this.api.post<{
      total_count: number;
      item_count: number;
      item?: Array<{ media_id: string; name?: string; update_time: number; url?: string }>;
    }>('/cgi-bin/material/batchget_material', { type: request.type, offset: request.offset, count: request.count });
    return {
      totalCount: body.total_count,
      itemCount: body.item_count,
      items: (body.item ?? []).map((i) => ({ mediaId: i.media_id, name: i.name ?? '', updateTime: i.update_time, url: i.url ?? null })),
    };
  }

  /**
   * Turns an uploaded video into the media_id an mpvideo mass send takes.
   * https://developers.weixin.qq.com/doc/offiaccount/Message_Management/Batch_Sends_and_Originality_Checks.html
   */
  async uploadVideoForMass(request: { mediaId: string; title?: string; description?: string }): Promise<{ mediaId: string; createdAt: number }> {
    const body = await this.api.post<{ media_id: string; created_at: number | string }>('/cgi-bin/media/uploadvideo', {
      media_id: request.mediaId,
      ...(request.title === undefined ? {} : { title: request.title }),
      ...(request.description === undefined ? {} : { description: request.description }),
    });
    return { mediaId: body.media_id, createdAt: Number(body.created_at) };
  }
}

function fileOf(answer: Extract<Downloaded, { kind: 'file' }>): MediaContent & { kind: 'file' } {
  return { kind: 'file', contentType: answer.contentType, filename: answer.filename, data: answer.data };
}

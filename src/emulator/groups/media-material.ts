import type Router from '@koa/router';
import { EmulatorError, type EmulatorContext } from '../core/contract';
import { downloadUrl, sendFile } from './media';
import { readMultipart } from './media-multipart';
import { checkFile, mediaTypeOf, type MediaType, type PermanentMedia } from './media-store';
import type { PublishingState } from './publishing-state';
import { intOf, invalidArgs, opaqueId, readJson, sendJson } from './publishing-wire';

/** The permanent material library (素材库), docs/wechat-protocol.md §11.2. */
export function registerMaterial(router: Router, emu: EmulatorContext, state: PublishingState): void {
  router.post('/cgi-bin/material/add_material', async (ctx) => {
    const account = emu.authenticate(ctx);
    const type = mediaTypeOf(ctx.query.type);
    const form = await readMultipart(ctx);
    const file = checkFile(type, form.files.get('media'));
    const media: PermanentMedia = {
      mediaId: opaqueId(32),
      type,
      filename: file.filename,
      contentType: file.contentType,
      data: file.data,
      createdAt: emu.nowSeconds(),
      url: type === 'image' ? `http://mmbiz.qpic.cn/mmbiz_jpg/${opaqueId(30)}/0?wx_fmt=jpeg` : null,
    };
    if (type === 'video') Object.assign(media, videoDescription(form.fields.get('description')));
    state.media(account.appId).permanent.set(media.mediaId, media);
    sendJson(ctx, { media_id: media.mediaId, ...(media.url ? { url: media.url } : {}) });
  });

  router.post('/cgi-bin/material/get_material', async (ctx) => {
    const account = emu.authenticate(ctx);
    const media = permanent(state, account.appId, (await readJson(ctx)).media_id);
    if (media.type !== 'video') return sendFile(ctx, media);
    sendJson(ctx, { title: media.title ?? '', description: media.introduction ?? '', down_url: downloadUrl(ctx, account.appId, media) });
  });

  router.post('/cgi-bin/material/del_material', async (ctx) => {
    const account = emu.authenticate(ctx);
    const media = permanent(state, account.appId, (await readJson(ctx)).media_id);
    state.media(account.appId).permanent.delete(media.mediaId);
    sendJson(ctx, { errcode: 0, errmsg: 'ok' });
  });

  router.get('/cgi-bin/material/get_materialcount', (ctx) => {
    const account = emu.authenticate(ctx);
    const count = (type: MediaType) => [...state.media(account.appId).permanent.values()].filter((m) => m.type === type).length;
    // Legacy permanent news (add_news) is superseded by drafts, so the emulator never has any.
    sendJson(ctx, { voice_count: count('voice'), video_count: count('video'), image_count: count('image') + count('thumb'), news_count: 0 });
  });

  router.post('/cgi-bin/material/batchget_material', async (ctx) => {
    const account = emu.authenticate(ctx);
    const body = await readJson(ctx);
    const offset = intOf(body.offset);
    const count = intOf(body.count);
    if (offset === null || offset < 0 || count === null || count < 1 || count > 20) throw invalidArgs('offset ≥ 0 and count 1..20 are required');
    if (body.type === 'news') return sendJson(ctx, { total_count: 0, item_count: 0, item: [] });
    const type = mediaTypeOf(body.type);
    const all = [...state.media(account.appId).permanent.values()].filter((m) => m.type === type || (type === 'image' && m.type === 'thumb')).reverse();
    const page = all.slice(offset, offset + count);
    sendJson(ctx, {
      total_count: all.length,
      item_count: page.length,
      item: page.map((m) => ({ media_id: m.mediaId, name: m.filename, update_time: m.createdAt, ...(m.url ? { url: m.url } : {}) })),
    });
  });
}

function permanent(state: PublishingState, appId: string, mediaId: unknown): PermanentMedia {
  const media = typeof mediaId === 'string' ? state.media(appId).permanent.get(mediaId) : undefined;
  if (!media) throw new EmulatorError(40007, 'invalid media_id');
  return media;
}

/** A permanent video's `description` field: JSON {"title","introduction"}, both required. */
function videoDescription(raw: string | undefined): { title: string; introduction: string } {
  let parsed: unknown;
  try {
    parsed = raw === undefined ? undefined : JSON.parse(raw);
  } catch {
    throw new EmulatorError(47001, 'data format error');
  }
  const d = parsed as { title?: unknown; introduction?: unknown } | undefined;
  if (!d || typeof d.title !== 'string' || d.title === '' || typeof d.introduction !== 'string') throw invalidArgs('a video needs description {title, introduction}');
  return { title: d.title, introduction: d.introduction };
}

import type Router from '@koa/router';
import type { Context } from 'koa';
import { EmulatorError, type EmulatorContext } from '../core/contract';
import { ControlError } from '../core/errors';
import { readMultipart } from './media-multipart';
import { checkExtension, checkFile, mediaTypeOf, type StoredMedia } from './media-store';
import type { PublishingState } from './publishing-state';
import { opaqueId, readJson, sendJson } from './publishing-wire';

const ARTICLE_IMAGE_MAX_BYTES = 1024 * 1024;

/** Temporary media, article images and mass videos (docs/wechat-protocol.md §7.1, §11.2). */
export function registerMedia(router: Router, emu: EmulatorContext, state: PublishingState): void {
  router.post('/cgi-bin/media/upload', async (ctx) => {
    const account = emu.authenticate(ctx);
    const type = mediaTypeOf(ctx.query.type);
    const file = checkFile(type, (await readMultipart(ctx)).files.get('media'));
    const media = state.media(account.appId).addTemporary(type, file, emu.nowSeconds());
    sendJson(ctx, { type, media_id: media.mediaId, created_at: media.createdAt });
  });

  // Videos answer a URL, everything else the bytes; an expired id is as unknown as a made-up one.
  router.get('/cgi-bin/media/get', (ctx) => {
    const account = emu.authenticate(ctx);
    const mediaId = typeof ctx.query.media_id === 'string' ? ctx.query.media_id : '';
    const media = state.media(account.appId).findTemporary(mediaId, emu.nowSeconds());
    if (!media) throw new EmulatorError(40007, 'invalid media_id');
    if (media.type === 'video') return sendJson(ctx, { video_url: downloadUrl(ctx, account.appId, media) });
    sendFile(ctx, media);
  });

  router.post('/cgi-bin/media/uploadimg', async (ctx) => {
    const account = emu.authenticate(ctx);
    const file = (await readMultipart(ctx)).files.get('media');
    if (!file || file.data.length === 0) throw new EmulatorError(41005, 'media data missing');
    checkExtension(file.filename, ['jpg', 'jpeg', 'png']);
    if (file.data.length >= ARTICLE_IMAGE_MAX_BYTES) throw new EmulatorError(40009, 'invalid image size');
    const ext = file.filename.toLowerCase().endsWith('.png') ? 'png' : 'jpg';
    const url = `http://mmbiz.qpic.cn/mmbiz_${ext}/${opaqueId(30)}/0`;
    state.media(account.appId).articleImageUrls.add(url);
    sendJson(ctx, { url });
  });

  // §7.1: an mpvideo mass send needs this id, not the plain upload's.
  router.post('/cgi-bin/media/uploadvideo', async (ctx) => {
    const account = emu.authenticate(ctx);
    const body = await readJson(ctx);
    const store = state.media(account.appId);
    const source = typeof body.media_id === 'string' ? store.find(body.media_id, ['video'], emu.nowSeconds()) : undefined;
    if (!source) throw new EmulatorError(40007, 'invalid media_id');
    const video = {
      mediaId: opaqueId(48),
      source,
      title: typeof body.title === 'string' ? body.title : '',
      description: typeof body.description === 'string' ? body.description : '',
      createdAt: emu.nowSeconds(),
    };
    store.massVideos.set(video.mediaId, video);
    sendJson(ctx, { type: 'video', media_id: video.mediaId, created_at: video.createdAt });
  });

  // Stands in for WeChat's video CDN: video_url and down_url point here.
  router.get('/__emulator/accounts/:appId/media/:mediaId', (ctx) => {
    const store = state.media(ctx.params.appId!);
    const media = store.findTemporary(ctx.params.mediaId!, emu.nowSeconds()) ?? store.permanent.get(ctx.params.mediaId!);
    if (!media) throw new ControlError(404, 'media_not_found', 'no such media (or it expired)');
    sendFile(ctx, media);
  });
}

export function sendFile(ctx: Context, media: StoredMedia): void {
  ctx.status = 200;
  ctx.type = media.contentType;
  ctx.set('Content-disposition', `attachment; filename="${media.filename.replace(/["\r\n]/g, '_')}"`);
  ctx.body = media.data;
}

export function downloadUrl(ctx: Context, appId: string, media: StoredMedia): string {
  return `${ctx.protocol}://${ctx.host}/__emulator/accounts/${encodeURIComponent(appId)}/media/${encodeURIComponent(media.mediaId)}`;
}

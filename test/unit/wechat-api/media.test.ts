import { ValidationError } from '../../../src/shared/errors';
import { MediaApi } from '../../../src/wechat-api/media';
import { fakeCaller, onlyCall } from './publishing-fake-caller';

const png = { filename: 'a.png', contentType: 'image/png', data: Buffer.from([0x89, 0x50, 0x4e, 0x47]) };

describe('MediaApi temporary media', () => {
  it('when uploading, then the file goes in the `media` field with ?type and the answer is camelCase', async () => {
    const caller = fakeCaller(() => ({ type: 'image', media_id: 'M1', created_at: 1700000000 }));
    await expect(new MediaApi(caller).uploadTemporary('image', png)).resolves.toEqual({ type: 'image', mediaId: 'M1', createdAt: 1700000000 });
    const call = onlyCall(caller);
    expect(call).toMatchObject({ kind: 'upload', path: '/cgi-bin/media/upload', query: { type: 'image' } });
    expect(call.file).toEqual({ ...png, field: 'media' });
  });

  it('when downloading a file, then the bytes come back; a video answers its URL', async () => {
    let n = 0;
    const caller = fakeCaller(() => (++n === 1 ? { kind: 'file', contentType: 'image/png', filename: 'a.png', data: png.data } : { kind: 'json', body: { video_url: 'http://v' } }));
    const api = new MediaApi(caller);
    await expect(api.getTemporary('M1')).resolves.toEqual({ kind: 'file', contentType: 'image/png', filename: 'a.png', data: png.data });
    await expect(api.getTemporary('V1')).resolves.toEqual({ kind: 'video', videoUrl: 'http://v' });
    expect(caller.calls[0]).toMatchObject({ kind: 'download', method: 'GET', path: '/cgi-bin/media/get', query: { media_id: 'M1' } });
  });

  it('when uploading an article image, then its URL is answered', async () => {
    const caller = fakeCaller(() => ({ url: 'http://mmbiz.qpic.cn/x/0' }));
    await expect(new MediaApi(caller).uploadImage(png)).resolves.toBe('http://mmbiz.qpic.cn/x/0');
    expect(onlyCall(caller).path).toBe('/cgi-bin/media/uploadimg');
  });

  it('when turning a video into a mass video, then title and description are sent and the new media_id answered', async () => {
    const caller = fakeCaller(() => ({ type: 'video', media_id: 'MV', created_at: 5 }));
    await expect(new MediaApi(caller).uploadVideoForMass({ mediaId: 'V1', title: 't', description: 'd' })).resolves.toEqual({ mediaId: 'MV', createdAt: 5 });
    expect(onlyCall(caller).body).toEqual({ media_id: 'V1', title: 't', description: 'd' });
  });
});

describe('MediaApi permanent material', () => {
  it('when adding a video, then `description` carries JSON {title, introduction}', async () => {
    const caller = fakeCaller(() => ({ media_id: 'P1' }));
    const mp4 = { filename: 'v.mp4', contentType: 'video/mp4', data: Buffer.from('v') };
    await expect(new MediaApi(caller).addPermanent('video', mp4, { title: 'T', introduction: 'I' })).resolves.toEqual({ mediaId: 'P1', url: null });
    const call = onlyCall(caller);
    expect(call).toMatchObject({ path: '/cgi-bin/material/add_material', query: { type: 'video' } });
    expect(JSON.parse(call.fields!.description!)).toEqual({ title: 'T', introduction: 'I' });
  });

  it('when adding a video without title and introduction, then it is refused before any call', async () => {
    const caller = fakeCaller();
    await expect(new MediaApi(caller).addPermanent('video', png)).rejects.toBeInstanceOf(ValidationError);
    expect(caller.calls).toHaveLength(0);
  });

  it('when getting a permanent video, then title, description and down_url are mapped', async () => {
    const caller = fakeCaller(() => ({ kind: 'json', body: { title: 'T', description: 'I', down_url: 'http://d' } }));
    await expect(new MediaApi(caller).getPermanent('P1')).resolves.toEqual({ kind: 'video', title: 'T', description: 'I', downUrl: 'http://d' });
    expect(onlyCall(caller)).toMatchObject({ kind: 'download', method: 'POST', path: '/cgi-bin/material/get_material', body: { media_id: 'P1' } });
  });

  it('when counting and listing, then the answers are camelCase', async () => {
    const caller = fakeCaller((c) =>
      c.path.endsWith('get_materialcount')
        ? { voice_count: 1, video_count: 2, image_count: 3, news_count: 0 }
        : { total_count: 3, item_count: 1, item: [{ media_id: 'P1', name: 'a.png', update_time: 9, url: 'http://u' }] },
    );
    const api = new MediaApi(caller);
    await expect(api.countPermanent()).resolves.toEqual({ voiceCount: 1, videoCount: 2, imageCount: 3, newsCount: 0 });
    await expect(api.batchGetPermanent({ type: 'image', offset: 0, count: 1 })).resolves.toEqual({
      totalCount: 3,
      itemCount: 1,
      items: [{ mediaId: 'P1', name: 'a.png', updateTime: 9, url: 'http://u' }],
    });
    expect(caller.calls[1]!.body).toEqual({ type: 'image', offset: 0, count: 1 });
  });

  it('when deleting, then del_material gets the media_id', async () => {
    const caller = fakeCaller();
    await new MediaApi(caller).deletePermanent('P1');
    expect(onlyCall(caller)).toMatchObject({ path: '/cgi-bin/material/del_material', body: { media_id: 'P1' } });
  });
});

import { registerPublishing } from '../../../../src/emulator/groups/publishing';
import { bytesOf, JPEG_BYTES, publishingHarness } from './publishing-fake-emulator';

describe('emulator temporary media', () => {
  it('when an image is uploaded, then media/get answers the same bytes, type and filename', async () => {
    const h = publishingHarness(registerPublishing);
    const up = await h.upload('/cgi-bin/media/upload', { type: 'image' }, { filename: 'photo.jpg', data: JPEG_BYTES });
    expect(up).toMatchObject({ type: 'image', created_at: h.emu.nowSeconds() });
    const { res, data } = await bytesOf(h.get('/cgi-bin/media/get', { media_id: up.media_id as string }));
    expect(res.headers['content-type']).toBe('image/jpeg');
    expect(res.headers['content-disposition']).toContain('filename="photo.jpg"');
    expect(data.equals(JPEG_BYTES)).toBe(true);
  });

  it('when 3 days have passed, then the media_id is 40007; a second earlier it still works', async () => {
    const h = publishingHarness(registerPublishing);
    const up = await h.upload('/cgi-bin/media/upload', { type: 'voice' }, { filename: 'v.amr', data: Buffer.from('#!AMR') });
    h.emu.clock.advance((3 * 86_400 - 1) * 1000);
    expect((await h.get('/cgi-bin/media/get', { media_id: up.media_id as string })).status).toBe(200);
    expect((await h.get('/cgi-bin/media/get', { media_id: up.media_id as string })).body.errcode).toBeUndefined();
    h.emu.clock.advance(1000);
    expect((await h.get('/cgi-bin/media/get', { media_id: up.media_id as string })).body.errcode).toBe(40007);
  });

  it('when a video is fetched, then JSON {video_url} points at the emulator\'s copy of the bytes', async () => {
    const h = publishingHarness(registerPublishing);
    const up = await h.upload('/cgi-bin/media/upload', { type: 'video' }, { filename: 'v.mp4', data: Buffer.from('mp4-bytes') });
    const { video_url: url } = (await h.get('/cgi-bin/media/get', { media_id: up.media_id as string })).body as { video_url: string };
    const path = new URL(url).pathname;
    expect((await bytesOf(h.api.get(path))).data.toString()).toBe('mp4-bytes');
  });

  it.each([
    ['an unknown type', { type: 'gif' }, { filename: 'a.gif', data: JPEG_BYTES }, 40004],
    ['an image with a .bmp name', { type: 'image' }, { filename: 'a.bmp', data: JPEG_BYTES }, 40005],
    ['a thumb over 64 KB', { type: 'thumb' }, { filename: 't.jpg', data: Buffer.alloc(64 * 1024 + 1, 1) }, 40012],
    ['a voice over 2 MB', { type: 'voice' }, { filename: 'v.mp3', data: Buffer.alloc(2 * 1024 * 1024 + 1, 1) }, 40010],
    ['a file under another field name', { type: 'image' }, { filename: 'a.jpg', data: JPEG_BYTES, field: 'file' }, 41005],
  ])('when uploading %s, then %s', async (_label, query, file, errcode) => {
    const h = publishingHarness(registerPublishing);
    expect((await h.upload('/cgi-bin/media/upload', query, file)).errcode).toBe(errcode);
  });

  it('when an article image is uploaded, then a URL comes back; a GIF is 40005 and 1 MB is 40009', async () => {
    const h = publishingHarness(registerPublishing);
    expect((await h.upload('/cgi-bin/media/uploadimg', {}, { filename: 'a.png', data: JPEG_BYTES })).url).toMatch(/^http:\/\/mmbiz\.qpic\.cn\//);
    expect((await h.upload('/cgi-bin/media/uploadimg', {}, { filename: 'a.gif', data: JPEG_BYTES })).errcode).toBe(40005);
    expect((await h.upload('/cgi-bin/media/uploadimg', {}, { filename: 'a.jpg', data: Buffer.alloc(1024 * 1024, 1) })).errcode).toBe(40009);
  });
});

describe('emulator permanent material', () => {
  it('when materials are added and one deleted, then the counts, the list and get agree', async () => {
    const h = publishingHarness(registerPublishing);
    const img = await h.upload('/cgi-bin/material/add_material', { type: 'image' }, { filename: 'a.jpg', data: JPEG_BYTES });
    expect(img.url).toMatch(/^http:\/\/mmbiz\.qpic\.cn\//);
    await h.upload('/cgi-bin/material/add_material', { type: 'image' }, { filename: 'b.jpg', data: JPEG_BYTES });
    const voice = await h.upload('/cgi-bin/material/add_material', { type: 'voice' }, { filename: 'v.mp3', data: Buffer.from('ID3') });
    expect(voice.url).toBeUndefined();
    expect((await h.post('/cgi-bin/material/del_material', { media_id: voice.media_id })).body.errcode).toBe(0);
    expect((await h.get('/cgi-bin/material/get_materialcount')).body).toEqual({ voice_count: 0, video_count: 0, image_count: 2, news_count: 0 });
    const page = (await h.post('/cgi-bin/material/batchget_material', { type: 'image', offset: 1, count: 20 })).body;
    expect(page).toMatchObject({ total_count: 2, item_count: 1, item: [{ media_id: img.media_id, name: 'a.jpg' }] });
    expect((await h.post('/cgi-bin/material/get_material', { media_id: voice.media_id })).body.errcode).toBe(40007);
    expect((await h.post('/cgi-bin/material/batchget_material', { type: 'image', offset: 0, count: 21 })).body.errcode).toBe(40097);
  });

  it('when a video is added, then the description is required and get_material answers title, introduction and down_url', async () => {
    const h = publishingHarness(registerPublishing);
    const mp4 = { filename: 'v.mp4', data: Buffer.from('mp4') };
    expect((await h.upload('/cgi-bin/material/add_material', { type: 'video' }, mp4)).errcode).toBe(40097);
    const added = await h.upload('/cgi-bin/material/add_material', { type: 'video' }, mp4, { description: JSON.stringify({ title: 'T', introduction: 'I' }) });
    const got = (await h.post('/cgi-bin/material/get_material', { media_id: added.media_id })).body;
    expect(got).toMatchObject({ title: 'T', description: 'I' });
    expect((await bytesOf(h.api.get(new URL(got.down_url as string).pathname))).data.toString()).toBe('mp4');
  });
});

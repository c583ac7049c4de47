import { MediaApi } from '../../../src/wechat-api/media';
import { MassApi } from '../../../src/wechat-api/mass';
import { publishingSetup, type PublishingSetup } from './mass-webhook';

const bytes = (n: number) => Buffer.from(Array.from({ length: n }, (_, i) => (i * 37 + 11) % 256));

describe('media against the emulator (multipart through our client)', () => {
  let setup: PublishingSetup;
  afterEach(async () => setup.close());

  it('when an image is uploaded, then getTemporary answers exactly the bytes until 3 days have passed', async () => {
    setup = await publishingSetup();
    const media = new MediaApi(setup.client);
    const data = bytes(70_000); // includes CR, LF and '-' bytes, and spans many chunks
    const up = await media.uploadTemporary('image', { filename: 'photo.png', contentType: 'image/png', data });
    expect(up).toMatchObject({ type: 'image', createdAt: Math.floor(setup.clock.now().getTime() / 1000) });
    const got = await media.getTemporary(up.mediaId);
    expect(got.kind).toBe('file');
    expect(got.kind === 'file' && got.data.equals(data)).toBe(true);
    setup.clock.advance(3 * 86_400_000);
    await expect(media.getTemporary(up.mediaId)).rejects.toMatchObject({ errcode: 40007 });
  });

  it('when a thumb is over 64 KB, then 40012', async () => {
    setup = await publishingSetup();
    await expect(new MediaApi(setup.client).uploadTemporary('thumb', { filename: 't.jpg', contentType: 'image/jpeg', data: bytes(64 * 1024 + 1) })).rejects.toMatchObject({ errcode: 40012 });
  });

  it('when a permanent video is added with a description, then get, count and list agree, and it can become an mpvideo send', async () => {
    setup = await publishingSetup();
    const media = new MediaApi(setup.client);
    const video = await media.addPermanent('video', { filename: 'clip.mp4', contentType: 'video/mp4', data: bytes(1000) }, { title: '标题', introduction: 'intro' });
    await expect(media.getPermanent(video.mediaId)).resolves.toMatchObject({ kind: 'video', title: '标题', description: 'intro' });
    await expect(media.countPermanent()).resolves.toEqual({ voiceCount: 0, videoCount: 1, imageCount: 0, newsCount: 0 });
    const page = await media.batchGetPermanent({ type: 'video', offset: 0, count: 20 });
    expect(page.items.map((i) => i.mediaId)).toEqual([video.mediaId]);

    const massVideo = await media.uploadVideoForMass({ mediaId: video.mediaId, title: 't', description: 'd' });
    const sent = await new MassApi(setup.client).sendAll({ filter: { tagId: 1 }, message: { type: 'mpvideo', mediaId: massVideo.mediaId } });
    expect(sent.outcome).toBe('submitted');

    await media.deletePermanent(video.mediaId);
    await expect(media.getPermanent(video.mediaId)).rejects.toMatchObject({ errcode: 40007 });
  });

  it('when an article image is uploaded, then its URL is on mmbiz.qpic.cn', async () => {
    setup = await publishingSetup();
    await expect(new MediaApi(setup.client).uploadImage({ filename: 'in.jpg', contentType: 'image/jpeg', data: bytes(100) })).resolves.toMatch(/^http:\/\/mmbiz\.qpic\.cn\//);
  });
});

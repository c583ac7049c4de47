import { QrCodeApi } from '../../../src/wechat-api/qrcode';
import { publishingSetup, type PublishingSetup } from './mass-webhook';

describe('QR codes against the emulator', () => {
  let setup: PublishingSetup;
  afterEach(async () => setup.close());

  const resolveScan = async (ticket: string) => {
    const res = await fetch(`${setup.emulator.url}/__emulator/accounts/${setup.emulator.account.appId}/qrcodes/${encodeURIComponent(ticket)}`);
    return { status: res.status, body: (await res.json()) as { scene?: string } };
  };

  it('when each of the four kinds is created, then its ticket resolves to its scene', async () => {
    setup = await publishingSetup();
    const qr = new QrCodeApi(setup.client);
    const codes = await Promise.all([
      qr.create({ actionName: 'QR_SCENE', sceneId: 42 }),
      qr.create({ actionName: 'QR_STR_SCENE', sceneStr: 'spring-sale', expireSeconds: 3600 }),
      qr.create({ actionName: 'QR_LIMIT_SCENE', sceneId: 7 }),
      qr.create({ actionName: 'QR_LIMIT_STR_SCENE', sceneStr: 'shop-front' }),
    ]);
    expect(codes.map((c) => c.expireSeconds)).toEqual([30, 3600, null, null]);
    const scenes = await Promise.all(codes.map(async (c) => (await resolveScan(c.ticket)).body.scene));
    expect(scenes).toEqual(['42', 'spring-sale', '7', 'shop-front']);
  });

  it('when a temporary code has expired, then a scan no longer resolves and showqrcode answers 404', async () => {
    setup = await publishingSetup();
    const qr = new QrCodeApi(setup.client);
    const code = await qr.create({ actionName: 'QR_SCENE', sceneId: 1 });
    const onEmulator = qr.showQrCodeUrl(code.ticket).replace('https://mp.weixin.qq.com', setup.emulator.url);
    const image = await fetch(onEmulator);
    expect(image.headers.get('content-type')).toBe('image/jpeg');
    setup.clock.advance(60_000);
    expect((await resolveScan(code.ticket)).status).toBe(404);
    expect((await fetch(onEmulator)).status).toBe(404);
  });

  it('when a new follower scans a resolved ticket, then the webhook gets subscribe with EventKey qrscene_<scene> and the Ticket', async () => {
    setup = await publishingSetup();
    const code = await new QrCodeApi(setup.client).create({ actionName: 'QR_LIMIT_STR_SCENE', sceneStr: 'poster-7' });
    const { body } = await resolveScan(code.ticket);
    const res = await fetch(`${setup.emulator.url}/__emulator/accounts/${setup.emulator.account.appId}/fans/oNewFan/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ type: 'subscribe', scene: body.scene, ticket: code.ticket }),
    });
    expect(res.status).toBeLessThan(300);
    const [event] = await setup.webhook.events('subscribe');
    expect(event).toMatchObject({ EventKey: 'qrscene_poster-7', Ticket: code.ticket, FromUserName: 'oNewFan' });
  });
});

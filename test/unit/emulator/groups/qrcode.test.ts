import { registerPublishing } from '../../../../src/emulator/groups/publishing';
import { bytesOf, publishingHarness } from './publishing-fake-emulator';

const scan = (h: ReturnType<typeof publishingHarness>, ticket: string, appId = 'wxservice') =>
  h.api.get(`/__emulator/accounts/${appId}/qrcodes/${encodeURIComponent(ticket)}`);

describe('emulator QR codes', () => {
  it.each([
    ['QR_SCENE', { scene_id: 123 }, '123'],
    ['QR_STR_SCENE', { scene_str: 'spring' }, 'spring'],
    ['QR_LIMIT_SCENE', { scene_id: 100000 }, '100000'],
    ['QR_LIMIT_STR_SCENE', { scene_str: '码'.repeat(64) }, '码'.repeat(64)],
  ])('when a %s code is created, then its ticket resolves to the scene', async (action, scene, expected) => {
    const h = publishingHarness(registerPublishing);
    const created = (await h.post('/cgi-bin/qrcode/create', { action_name: action, action_info: { scene } })).body;
    expect(created.url).toMatch(/^http:\/\/weixin\.qq\.com\/q\//);
    expect(created.expire_seconds).toBe(action.startsWith('QR_LIMIT') ? undefined : 30);
    expect((await scan(h, created.ticket as string)).body).toMatchObject({ scene: expected, actionName: action, permanent: action.startsWith('QR_LIMIT') });
  });

  it('when a temporary code passes expire_seconds, then it no longer resolves; one second before it does', async () => {
    const h = publishingHarness(registerPublishing);
    const { ticket } = (await h.post('/cgi-bin/qrcode/create', { action_name: 'QR_SCENE', expire_seconds: 600, action_info: { scene: { scene_id: 7 } } })).body as { ticket: string };
    h.emu.clock.advance(599_000);
    expect((await scan(h, ticket)).status).toBe(200);
    h.emu.clock.advance(1000);
    expect((await scan(h, ticket)).status).toBe(404);
  });

  it.each([
    ['an unknown action', { action_name: 'QR_FOREVER', action_info: { scene: { scene_id: 1 } } }],
    ['a temporary scene_id of 0', { action_name: 'QR_SCENE', action_info: { scene: { scene_id: 0 } } }],
    ['a permanent scene_id of 100001', { action_name: 'QR_LIMIT_SCENE', action_info: { scene: { scene_id: 100001 } } }],
    ['a 65-character scene_str', { action_name: 'QR_STR_SCENE', action_info: { scene: { scene_str: 'x'.repeat(65) } } }],
    ['expire_seconds past 30 days', { action_name: 'QR_SCENE', expire_seconds: 2592001, action_info: { scene: { scene_id: 1 } } }],
  ])('when given %s, then 40097', async (_label, body) => {
    const h = publishingHarness(registerPublishing);
    expect((await h.post('/cgi-bin/qrcode/create', body)).body.errcode).toBe(40097);
  });

  it('when the scene wrapper is left out, then WeChat silently makes scene 0 (the §12 gotcha)', async () => {
    const h = publishingHarness(registerPublishing);
    const { ticket } = (await h.post('/cgi-bin/qrcode/create', { action_name: 'QR_LIMIT_STR_SCENE', action_info: { scene_str: 'lost' } })).body as { ticket: string };
    expect((await scan(h, ticket)).body.scene).toBe('0');
  });

  it('when the same permanent scene is created twice, then the same ticket comes back', async () => {
    const h = publishingHarness(registerPublishing);
    const body = { action_name: 'QR_LIMIT_SCENE', action_info: { scene: { scene_id: 5 } } };
    expect((await h.post('/cgi-bin/qrcode/create', body)).body.ticket).toBe((await h.post('/cgi-bin/qrcode/create', body)).body.ticket);
  });

  it('when a ticket belongs to another account, then the scan lookup is 404', async () => {
    const h = publishingHarness(registerPublishing);
    h.emu.addAccount({ appId: 'wxother' });
    const { ticket } = (await h.post('/cgi-bin/qrcode/create', { action_name: 'QR_LIMIT_SCENE', action_info: { scene: { scene_id: 5 } } }, 'wxother')).body as { ticket: string };
    expect((await scan(h, ticket, 'wxservice')).status).toBe(404);
  });

  it('when showqrcode gets a URL-encoded live ticket, then a JPEG without access_token; an unknown one is 404', async () => {
    const h = publishingHarness(registerPublishing);
    const { ticket } = (await h.post('/cgi-bin/qrcode/create', { action_name: 'QR_SCENE', action_info: { scene: { scene_id: 9 } } })).body as { ticket: string };
    const { res, data } = await bytesOf(h.api.get(`/cgi-bin/showqrcode?ticket=${encodeURIComponent(ticket)}`));
    expect(res.headers['content-type']).toBe('image/jpeg');
    expect([...data.subarray(0, 3)]).toEqual([0xff, 0xd8, 0xff]);
    expect((await h.api.get('/cgi-bin/showqrcode?ticket=nope')).status).toBe(404);
  });
});

import { ValidationError } from '../../../src/shared/errors';
import { QrCodeApi, showQrCodeUrl, type QrCodeRequest } from '../../../src/wechat-api/qrcode';
import { fakeCaller, onlyCall } from './publishing-fake-caller';

const answer = () => ({ ticket: 'gQH+/=', expire_seconds: 60, url: 'http://weixin.qq.com/q/x' });

describe('QrCodeApi.create', () => {
  it.each<[QrCodeRequest, Record<string, unknown>]>([
    [{ actionName: 'QR_SCENE', sceneId: 123, expireSeconds: 600 }, { action_name: 'QR_SCENE', expire_seconds: 600, action_info: { scene: { scene_id: 123 } } }],
    [{ actionName: 'QR_STR_SCENE', sceneStr: 'spring' }, { action_name: 'QR_STR_SCENE', action_info: { scene: { scene_str: 'spring' } } }],
    [{ actionName: 'QR_LIMIT_SCENE', sceneId: 100000 }, { action_name: 'QR_LIMIT_SCENE', action_info: { scene: { scene_id: 100000 } } }],
    [{ actionName: 'QR_LIMIT_STR_SCENE', sceneStr: 'shop' }, { action_name: 'QR_LIMIT_STR_SCENE', action_info: { scene: { scene_str: 'shop' } } }],
  ])('when creating %o, then action_info.scene wraps the scene', async (request, wire) => {
    const caller = fakeCaller(answer);
    await new QrCodeApi(caller).create(request);
    expect(onlyCall(caller)).toMatchObject({ path: '/cgi-bin/qrcode/create', body: wire });
    expect((onlyCall(caller).body as Record<string, unknown>).expire_seconds).toBe((wire as { expire_seconds?: number }).expire_seconds);
  });

  it.each<[string, QrCodeRequest]>([
    ['a temporary scene_id of 0', { actionName: 'QR_SCENE', sceneId: 0 }],
    ['a temporary scene_id past 32 bits', { actionName: 'QR_SCENE', sceneId: 2 ** 32 }],
    ['a permanent scene_id of 0', { actionName: 'QR_LIMIT_SCENE', sceneId: 0 }],
    ['a permanent scene_id of 100001', { actionName: 'QR_LIMIT_SCENE', sceneId: 100_001 }],
    ['a fractional scene_id', { actionName: 'QR_LIMIT_SCENE', sceneId: 1.5 }],
    ['an empty scene_str', { actionName: 'QR_STR_SCENE', sceneStr: '' }],
    ['a 65-character scene_str', { actionName: 'QR_LIMIT_STR_SCENE', sceneStr: 'x'.repeat(65) }],
    ['expire_seconds past 30 days', { actionName: 'QR_SCENE', sceneId: 1, expireSeconds: 2_592_001 }],
    ['expire_seconds of 0', { actionName: 'QR_STR_SCENE', sceneStr: 'a', expireSeconds: 0 }],
  ])('when given %s, then it is refused before any call', async (_label, request) => {
    const caller = fakeCaller(answer);
    await expect(new QrCodeApi(caller).create(request)).rejects.toBeInstanceOf(ValidationError);
    expect(caller.calls).toHaveLength(0);
  });

  it('when a 64-character scene_str of CJK is given, then it is accepted (the limit counts characters)', async () => {
    const caller = fakeCaller(answer);
    await new QrCodeApi(caller).create({ actionName: 'QR_STR_SCENE', sceneStr: '码'.repeat(64) });
    expect(caller.calls).toHaveLength(1);
  });

  it('when WeChat answers, then expire_seconds becomes expireSeconds (null for permanent codes)', async () => {
    const caller = fakeCaller(() => ({ ticket: 'T', url: 'U' }));
    await expect(new QrCodeApi(caller).create({ actionName: 'QR_LIMIT_SCENE', sceneId: 1 })).resolves.toEqual({ ticket: 'T', expireSeconds: null, url: 'U' });
  });
});

describe('showQrCodeUrl', () => {
  it('when the ticket has +, / and =, then they are percent-encoded on mp.weixin.qq.com', () => {
    expect(showQrCodeUrl('gQH+a/b=')).toBe('https://mp.weixin.qq.com/cgi-bin/showqrcode?ticket=gQH%2Ba%2Fb%3D');
    expect(new QrCodeApi(fakeCaller()).showQrCodeUrl('a+b')).toBe('https://mp.weixin.qq.com/cgi-bin/showqrcode?ticket=a%2Bb');
  });
});

import { WeChatApiError, WeChatTransportError } from '../../../../src/wechat-api/errors';
import { apiClientFor } from '../../../helpers/api-client';
import { caught } from '../../../helpers/accounts';
import { MiniWeChat } from './mini-wechat';

const APP_ID = 'wx0000000000000001';
const SECRET = 'sekret-0123456789abcdef01234567';

describe('WeChat API client: requests and answers', () => {
  let wechat: MiniWeChat;
  beforeEach(async () => {
    wechat = await new MiniWeChat().start();
  });
  afterEach(() => wechat.stop());
  const client = () => apiClientFor(wechat.url, APP_ID, SECRET);

  it('when a GET is made, then the query and access_token are sent and the JSON body comes back', async () => {
    const body = await client().get<{ path: string }>('/cgi-bin/menu/get', { lang: 'zh_CN', skip: undefined });
    expect(body).toEqual({ errcode: 0, errmsg: 'ok', path: '/cgi-bin/menu/get' });
    const [call] = wechat.calls('/cgi-bin/menu/get');
    expect(call!.query.get('lang')).toBe('zh_CN');
    expect(call!.query.has('skip')).toBe(false);
    expect(call!.query.get('access_token')).toBe('TK-1');
  });

  it('when the first call is made, then the token comes from stable_token with the account credentials in a JSON body', async () => {
    await client().get('/cgi-bin/menu/get');
    const [tokenCall] = wechat.calls('/cgi-bin/stable_token');
    expect(tokenCall!.method).toBe('POST');
    expect(JSON.parse(tokenCall!.body.toString())).toEqual({ grant_type: 'client_credential', appid: APP_ID, secret: SECRET, force_refresh: false });
  });

  it('when the account uses classic mode, then the token comes from GET /cgi-bin/token', async () => {
    await apiClientFor(wechat.url, APP_ID, SECRET, { tokenMode: 'classic' }).get('/cgi-bin/menu/get');
    expect(wechat.calls('/cgi-bin/stable_token')).toHaveLength(0);
    const [tokenCall] = wechat.calls('/cgi-bin/token');
    expect(Object.fromEntries(tokenCall!.query)).toEqual({ grant_type: 'client_credential', appid: APP_ID, secret: SECRET });
  });

  it('when a POST is made, then the body is sent as UTF-8 JSON, and {} when there is none', async () => {
    const c = client();
    await c.post('/cgi-bin/menu/create', { button: [{ type: 'click', name: '今日歌曲', key: 'V1001' }] });
    await c.post('/cgi-bin/menu/delconditional');
    const [create] = wechat.calls('/cgi-bin/menu/create');
    expect(create!.headers['content-type']).toMatch(/^application\/json/);
    expect(create!.body.toString('utf8')).toContain('今日歌曲');
    expect(wechat.calls('/cgi-bin/menu/delconditional')[0]!.body.toString()).toBe('{}');
  });

  it('when the answer has a non-zero errcode, then WeChatApiError carries it, the path without query and the extra fields', async () => {
    wechat.script('/cgi-bin/message/mass/sendall', { json: { errcode: 45065, errmsg: 'clientmsgid exist', msg_id: 1000000001 } });
    const err = await caught(client().post('/cgi-bin/message/mass/sendall?debug=1', { clientmsgid: 'x' }));
    expect(err).toBeInstanceOf(WeChatApiError);
    expect(err).toMatchObject({ errcode: 45065, name: 'clientmsgid_exist', endpoint: '/cgi-bin/message/mass/sendall', extra: { msg_id: 1000000001 }, status: 502 });
  });

  it('when an id exceeds 2^53, then it arrives as an exact string', async () => {
    wechat.script('/cgi-bin/message/mass/sendall', { json: '{"errcode":0,"errmsg":"send job submission success","msg_id":3147483652123456789,"msg_data_id":2247483652}' });
    const body = await client().post<{ msg_id: unknown; msg_data_id: unknown }>('/cgi-bin/message/mass/sendall', {});
    expect(body.msg_id).toBe('3147483652123456789');
    expect(body.msg_data_id).toBe(2247483652);
  });

  it('when WeChat answers JSON as text/plain, then it is still read as JSON', async () => {
    wechat.script('/cgi-bin/user/info', { json: { errcode: 40003, errmsg: 'invalid openid' }, contentType: 'text/plain' });
    expect(await caught(client().get('/cgi-bin/user/info'))).toMatchObject({ errcode: 40003 });
  });

  it('when the answer is not JSON, then the failure is a non-retried bad_response', async () => {
    wechat.script('/cgi-bin/menu/get', { json: '<html>gateway</html>', contentType: 'text/html' });
    const err = await caught(client().get('/cgi-bin/menu/get'));
    expect(err).toBeInstanceOf(WeChatTransportError);
    expect(err).toMatchObject({ failure: 'bad_response', endpoint: '/cgi-bin/menu/get' });
    expect(wechat.calls('/cgi-bin/menu/get')).toHaveLength(1);
  });

  it('when a file is uploaded, then it goes as multipart/form-data under `media` with the extra fields', async () => {
    const data = Buffer.from([0xff, 0xd8, 0xff, 0x00, 0x10, 0x4a]);
    wechat.script('/cgi-bin/material/add_material', { json: { media_id: 'M1', url: 'http://mmbiz/1' } });
    const body = await client().upload(
      '/cgi-bin/material/add_material',
      { filename: 'cover.jpg', contentType: 'image/jpeg', data },
      { description: '{"title":"标题"}' },
      { type: 'image' },
    );
    expect(body).toEqual({ media_id: 'M1', url: 'http://mmbiz/1' });
    const [call] = wechat.calls('/cgi-bin/material/add_material');
    expect(call!.query.get('type')).toBe('image');
    const form = await new Response(call!.body, { headers: { 'content-type': String(call!.headers['content-type']) } }).formData();
    const file = form.get('media') as File;
    expect(file.name).toBe('cover.jpg');
    expect(file.type).toBe('image/jpeg');
    expect(Buffer.from(await file.arrayBuffer())).toEqual(data);
    expect(form.get('description')).toBe('{"title":"标题"}');
  });

  it('when the upload field is named, then that name is used instead of `media`', async () => {
    wechat.script('/x/upload', { json: { errcode: 0 } });
    await client().upload('/x/upload', { field: 'file', filename: 'a.png', contentType: 'image/png', data: Buffer.from('x') });
    const [call] = wechat.calls('/x/upload');
    const form = await new Response(call!.body, { headers: { 'content-type': String(call!.headers['content-type']) } }).formData();
    expect(form.get('file')).not.toBeNull();
    expect(form.get('media')).toBeNull();
  });

  it('when a download answers bytes, then the file, its type and its filename come back', async () => {
    const bytes = Buffer.from([0, 1, 2, 3, 254, 255]);
    wechat.script('/cgi-bin/media/get', { bytes, contentType: 'image/jpeg', disposition: 'attachment; filename="MEDIA_1.jpg"' });
    const got = await client().download('GET', '/cgi-bin/media/get', { query: { media_id: 'MEDIA_1' } });
    expect(got).toEqual({ kind: 'file', contentType: 'image/jpeg', filename: 'MEDIA_1.jpg', data: bytes });
    expect(wechat.calls('/cgi-bin/media/get')[0]!.query.get('media_id')).toBe('MEDIA_1');
  });

  it('when a download answers JSON, then it is returned as JSON; a JSON errcode throws', async () => {
    wechat.script('/cgi-bin/media/get', { json: { video_url: 'http://v/1' }, contentType: 'text/plain' });
    wechat.script('/cgi-bin/material/get_material', { json: { errcode: 40007, errmsg: 'invalid media_id' }, contentType: 'text/plain' });
    const c = client();
    expect(await c.download('GET', '/cgi-bin/media/get')).toEqual({ kind: 'json', body: { video_url: 'http://v/1' } });
    expect(await caught(c.download('POST', '/cgi-bin/material/get_material', { body: { media_id: 'nope' } }))).toMatchObject({ errcode: 40007 });
    expect(JSON.parse(wechat.calls('/cgi-bin/material/get_material')[0]!.body.toString())).toEqual({ media_id: 'nope' });
  });
});

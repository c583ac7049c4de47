import Koa from 'koa';
import request from 'supertest';
import { AdminAccessService } from '../../src/modules/admin-access';
import { ManualClock } from '../../src/shared/clock';
import { silentLogger } from '../../src/shared/logger';
import { requireAdmin } from '../../src/http/middleware/auth';
import { errorMiddleware } from '../../src/http/middleware/errors';
import { accountsRouter } from '../../src/http/routes/accounts';
import { InMemoryAdminTokenRepository, makeAccountService, SECRETS, validAccountInput } from '../helpers/accounts';

const TOKEN = 'integration-admin-token';
const APP_ID = 'wx1234567890abcdef';
const URL = '/api/v1/accounts';

function buildApp() {
  const { service } = makeAccountService();
  const access = new AdminAccessService({ repo: new InMemoryAdminTokenRepository(), clock: new ManualClock(), envToken: TOKEN });
  const app = new Koa();
  app.silent = true;
  app.use(errorMiddleware(silentLogger));
  app.use(requireAdmin(access));
  const router = accountsRouter(service);
  app.use(router.routes()).use(router.allowedMethods());
  return request(app.callback());
}

const auth = { Authorization: `Bearer ${TOKEN}` };

function expectNoSecrets(text: string): void {
  for (const secret of Object.values(SECRETS)) expect(text).not.toContain(secret);
}

describe('admin accounts API', () => {
  it('when no token is sent, then it is 401 with a WWW-Authenticate challenge', async () => {
    const res = await buildApp().get(URL);
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe('unauthorized');
    expect(res.headers['www-authenticate']).toMatch(/^Bearer/);
  });

  it('when a wrong token is sent, then it is 401 and the token is not echoed', async () => {
    const res = await buildApp().get(URL).set('Authorization', 'Bearer not-the-token-42');
    expect(res.status).toBe(401);
    expect(res.text).not.toContain('not-the-token-42');
  });

  it('when an account is created, read, listed, patched and deleted, then each answer is right and secret-free', async () => {
    const api = buildApp();
    const created = await api.post(URL).set(auth).send(validAccountInput());
    expect(created.status).toBe(201);
    expect(created.headers.location).toBe(`${URL}/${APP_ID}`);
    expect(created.body).toMatchObject({ appId: APP_ID, hasEncodingAESKey: true, hasAppSecret: true });

    const one = await api.get(`${URL}/${APP_ID}`).set(auth);
    expect(one.status).toBe(200);
    expect(one.body.name).toBe('测试公众号');

    const list = await api.get(URL).set(auth);
    expect(list.body.items.map((a: { appId: string }) => a.appId)).toEqual([APP_ID]);

    const patched = await api.patch(`${URL}/${APP_ID}`).set(auth).send({ appSecret: null, verified: false });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({ hasAppSecret: false, verified: false });

    for (const res of [created, one, list, patched]) expectNoSecrets(res.text);

    expect((await api.delete(`${URL}/${APP_ID}`).set(auth)).status).toBe(204);
    expect((await api.get(`${URL}/${APP_ID}`).set(auth)).status).toBe(404);
  });

  it('when the appId is already registered, then POST is 409', async () => {
    const api = buildApp();
    await api.post(URL).set(auth).send(validAccountInput());
    const res = await api.post(URL).set(auth).send(validAccountInput());
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('conflict');
    expectNoSecrets(res.text);
  });

  it('when the body has several problems, then it is 400 with every one in details and no secret echoed', async () => {
    const res = await buildApp().post(URL).set(auth).send({ appId: 'nope', token: 'x!', appSecret: 'leakme-leakme', extra: 1 });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('validation_failed');
    expect(res.body.error.details.map((d: { field: string }) => d.field).sort()).toEqual(['appId', 'appSecret', 'extra', 'name', 'token']);
    expect(res.text).not.toContain('leakme');
  });

  it.each([['an array', '[1,2]'], ['a string', '"hello"'], ['a number', '42'], ['broken JSON', '{"appId":']])(
    'when the body is %s, then it is 400',
    async (_what, body) => {
      const res = await buildApp().post(URL).set(auth).set('Content-Type', 'application/json').send(body);
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe('validation_failed');
    },
  );

  it('when a PATCH would leave safe mode without a key, then it is 400', async () => {
    const api = buildApp();
    await api.post(URL).set(auth).send(validAccountInput());
    const res = await api.patch(`${URL}/${APP_ID}`).set(auth).send({ encodingAESKey: null });
    expect(res.status).toBe(400);
    expect(res.body.error.details).toEqual([{ field: 'encodingAESKey', message: 'is required when encryptionMode is safe' }]);
  });

  it.each([
    ['GET', (api: ReturnType<typeof buildApp>) => api.get(`${URL}/${APP_ID}`)],
    ['PATCH', (api: ReturnType<typeof buildApp>) => api.patch(`${URL}/${APP_ID}`).send({ name: 'x' })],
    ['DELETE', (api: ReturnType<typeof buildApp>) => api.delete(`${URL}/${APP_ID}`)],
  ])('when %s names an unknown account, then it is 404', async (_method, call) => {
    const res = await call(buildApp()).set(auth);
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe('not_found');
  });

  it('when the principal\'s role lacks the capability, then it is 403', async () => {
    const app = new Koa();
    app.silent = true;
    app.use(errorMiddleware(silentLogger));
    // A role with no capabilities stands in for future restricted roles (e.g. 'agent').
    app.use(async (ctx, next) => {
      ctx.state.principal = { tokenId: 't', name: 'limited', role: 'nobody' };
      await next();
    });
    app.use(accountsRouter(makeAccountService().service).routes());
    const res = await request(app.callback()).get(URL);
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('forbidden');
  });
});

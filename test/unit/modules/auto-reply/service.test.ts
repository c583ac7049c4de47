import { NotFoundError, ValidationError } from '../../../../src/shared/errors';
import { caught } from '../../../helpers/accounts';
import { APP_ID, keywordRule, makeService } from './service-helpers';

describe('AutoReplyService CRUD', () => {
  it('when a valid rule is created, then it gets an id, the defaults and clock timestamps, and the change is published', async () => {
    const { service, published } = await makeService();
    const rule = await service.create(APP_ID, keywordRule());
    expect(rule).toMatchObject({
      appId: APP_ID, name: '价格', replyMode: 'all', priority: 0, enabled: true, activeWindows: [], cooldownMinutes: 0,
      createdAt: '2026-01-05T04:00:00.000Z', updatedAt: '2026-01-05T04:00:00.000Z',
    });
    expect(rule.id).toMatch(/^[0-9a-f]{24}$/);
    expect(await service.get(APP_ID, rule.id)).toEqual(rule);
    expect(published).toEqual([APP_ID]);
  });

  it('when a rule is invalid in several ways, then the validation error lists every problem and nothing is saved', async () => {
    const { service, published } = await makeService();
    const err = await caught(service.create(APP_ID, { name: '', trigger: { kind: 'keyword', keywords: [] }, replies: [], id: 'mine' }));
    expect(err).toBeInstanceOf(ValidationError);
    const fields = (err.details as { field: string }[]).map((d) => d.field);
    expect(fields).toEqual(expect.arrayContaining(['id', 'name', 'trigger.keywords', 'replies']));
    expect(await service.list(APP_ID)).toEqual([]);
    expect(published).toEqual([]);
  });

  it('when the account does not exist, then every operation is a 404', async () => {
    const { service } = await makeService();
    for (const work of [service.list('wx0000000000000000'), service.create('wx0000000000000000', keywordRule()), service.exportRules('nope')]) {
      expect(await caught(work)).toBeInstanceOf(NotFoundError);
    }
  });

  it('when a rule is patched, then given fields replace the old ones, the rest stays, createdAt stays and updatedAt moves', async () => {
    const { service, clock } = await makeService();
    const rule = await service.create(APP_ID, keywordRule({ priority: 5 }));
    clock.advance(60_000);
    const patched = await service.update(APP_ID, rule.id, { name: '价格表', replies: [{ type: 'text', content: '¥199' }], id: rule.id });
    expect(patched).toEqual({ ...rule, name: '价格表', replies: [{ type: 'text', content: '¥199' }], updatedAt: '2026-01-05T04:01:00.000Z' });
    expect(await service.get(APP_ID, rule.id)).toEqual(patched);
  });

  it('when a patch makes the merged rule invalid or changes a fixed field, then it is a 400 and the rule is unchanged', async () => {
    const { service } = await makeService();
    const rule = await service.create(APP_ID, keywordRule());
    const err = await caught(service.update(APP_ID, rule.id, { trigger: { kind: 'click' }, appId: 'wxfedcba0987654321' }));
    expect(err).toBeInstanceOf(ValidationError);
    expect((err.details as { field: string }[]).map((d) => d.field)).toEqual(expect.arrayContaining(['appId', 'trigger.key']));
    expect(await service.get(APP_ID, rule.id)).toEqual(rule);
  });

  it('when a missing rule is patched or removed, then it is a 404', async () => {
    const { service } = await makeService();
    expect(await caught(service.update(APP_ID, 'nope', { name: 'x' }))).toBeInstanceOf(NotFoundError);
    expect(await caught(service.remove(APP_ID, 'nope'))).toBeInstanceOf(NotFoundError);
  });

  it('when a rule is removed, then it is gone and the change is published', async () => {
    const { service, published } = await makeService();
    const rule = await service.create(APP_ID, keywordRule());
    await service.remove(APP_ID, rule.id);
    expect(await service.list(APP_ID)).toEqual([]);
    expect(published).toEqual([APP_ID, APP_ID]);
  });

  it('when the account is at its rules limit, then creating one more is refused with 409', async () => {
    const { service } = await makeService({ maxRules: 2 });
    await service.create(APP_ID, keywordRule());
    await service.create(APP_ID, keywordRule());
    const err = await caught(service.create(APP_ID, keywordRule()));
    expect(err).toMatchObject({ code: 'rules_limit_reached', status: 409 });
  });

  it('when a rule is changed, then the next compiled rule set answers with the new rule', async () => {
    const { service, cache } = await makeService();
    expect((await cache.compiledFor(APP_ID)).size).toBe(0);
    await service.create(APP_ID, keywordRule());
    expect((await cache.compiledFor(APP_ID)).size).toBe(1);
  });
});

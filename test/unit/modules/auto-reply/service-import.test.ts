import { ValidationError } from '../../../../src/shared/errors';
import { caught } from '../../../helpers/accounts';
import { APP_ID, OTHER_APP_ID, keywordRule, makeService } from './service-helpers';

const click = (key: string) => ({ name: `click ${key}`, trigger: { kind: 'click', key }, replies: [{ type: 'text', content: key }] });

describe('AutoReplyService import/export', () => {
  it('when an import has problems in several rules, then nothing is imported and every problem names its rule index', async () => {
    const { service, published } = await makeService();
    const existing = await service.create(APP_ID, keywordRule());
    const err = await caught(service.importRules(APP_ID, [click('A'), { name: 'bad', trigger: { kind: 'click' }, replies: [] }, 'nope', click('B')], 'replace'));
    expect(err).toBeInstanceOf(ValidationError);
    expect(err.details).toEqual(expect.arrayContaining([
      { index: 1, field: 'trigger.key', message: expect.any(String) },
      { index: 1, field: 'replies', message: expect.any(String) },
      { index: 2, field: '(rule)', message: 'must be a JSON object' },
    ]));
    expect((err.details as { index: number }[]).every((d) => d.index === 1 || d.index === 2)).toBe(true);
    expect(await service.list(APP_ID)).toEqual([existing]);
    expect(published).toEqual([APP_ID]); // the create only
  });

  it('when the body is not an array of rules, then it is a 400 saying so', async () => {
    const { service } = await makeService();
    const err = await caught(service.importRules(APP_ID, { name: 'one rule' }, 'append'));
    expect(err).toBeInstanceOf(ValidationError);
    expect(err.message).toMatch(/JSON array of rules/);
  });

  it('when rules are appended, then they join the existing ones in file order and the counts say so', async () => {
    const { service } = await makeService();
    const existing = await service.create(APP_ID, keywordRule());
    const result = await service.importRules(APP_ID, [click('A'), click('B')], 'append');
    expect(result).toMatchObject({ mode: 'append', created: 2, updated: 0, removed: 0, total: 3 });
    expect((await service.list(APP_ID)).map((r) => r.name)).toEqual([existing.name, 'click A', 'click B']);
  });

  it("when an import replaces, then the account's rules are exactly the file's, and an id of this account keeps the rule's identity and age", async () => {
    const { service, clock } = await makeService();
    const keep = await service.create(APP_ID, keywordRule());
    await service.create(APP_ID, click('gone'));
    clock.advance(1000);
    const result = await service.importRules(APP_ID, [{ ...keep, name: 'renamed' }, click('new')], 'replace');
    expect(result).toMatchObject({ created: 1, updated: 1, removed: 1, total: 2 });
    const after = await service.list(APP_ID);
    expect(after.map((r) => r.name)).toEqual(['renamed', 'click new']);
    expect(after[0]).toMatchObject({ id: keep.id, createdAt: keep.createdAt, updatedAt: '2026-01-05T04:00:01.000Z' });
  });

  it('when a file repeats an id, then it is a problem of the second rule', async () => {
    const { service } = await makeService();
    const err = await caught(service.importRules(APP_ID, [{ ...click('A'), id: 'x1' }, { ...click('B'), id: 'x1' }], 'append'));
    expect(err.details).toEqual([{ index: 1, field: 'id', message: 'repeats the id of rule #0' }]);
  });

  it('when an import would pass the rules limit, then nothing is imported', async () => {
    const { service } = await makeService({ maxRules: 2 });
    await service.create(APP_ID, keywordRule());
    const err = await caught(service.importRules(APP_ID, [click('A'), click('B')], 'append'));
    expect(err).toBeInstanceOf(ValidationError);
    expect(err.message).toMatch(/at most 2 rules/);
    expect(await service.list(APP_ID)).toHaveLength(1);
    // The same two replacing everything fit.
    expect((await service.importRules(APP_ID, [click('A'), click('B')], 'replace')).total).toBe(2);
  });

  it('when an export is imported into another account, then the rules are copied with new ids and the same contents and order', async () => {
    const { service } = await makeService();
    await service.create(APP_ID, keywordRule({ priority: 3, activeWindows: [{ days: [1, 2, 3, 4, 5], start: '18:00', end: '09:00' }] }));
    await service.create(APP_ID, click('A'));
    await service.create(APP_ID, { name: 'default', trigger: { kind: 'default' }, replies: [{ type: 'text', content: '?' }], cooldownMinutes: 30 });
    const exported = await service.exportRules(APP_ID);
    // Through JSON, as a file would carry it.
    await service.importRules(OTHER_APP_ID, JSON.parse(JSON.stringify(exported)), 'replace');
    const copied = await service.exportRules(OTHER_APP_ID);
    const contents = (rules: typeof exported) => rules.map(({ id: _i, appId: _a, createdAt: _c, updatedAt: _u, ...rest }) => rest);
    expect(contents(copied)).toEqual(contents(exported));
    expect(copied.map((r) => r.id).filter((id) => exported.some((e) => e.id === id))).toEqual([]);
    expect(copied.every((r) => r.appId === OTHER_APP_ID)).toBe(true);
  });

  it('when an export is imported back into its own account with replace, then the rules read back as they were', async () => {
    const { service } = await makeService();
    await service.create(APP_ID, keywordRule());
    await service.create(APP_ID, click('A'));
    const before = await service.exportRules(APP_ID);
    const result = await service.importRules(APP_ID, JSON.parse(JSON.stringify(before)), 'replace');
    expect(result).toMatchObject({ created: 0, updated: 2, removed: 0 });
    expect(await service.exportRules(APP_ID)).toEqual(before);
  });
});

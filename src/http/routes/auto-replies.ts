import Router from '@koa/router';
import type { Context } from 'koa';
import { importModes, type AutoReplyService, type ImportMode } from '../../modules/auto-reply';
import { ValidationError } from '../../shared/errors';
import { readJsonBody } from '../body';
import { requireCapability } from '../middleware/auth';

/** A full export of 10 000 rules runs to several megabytes; one rule never does. */
const IMPORT_BODY_LIMIT_BYTES = 32 * 1_048_576;

/**
 * `/api/v1/accounts/:appId/auto-replies`: the account's auto-reply rules. Fixed paths (export,
 * import, test, import-console) are declared before `/:ruleId` so they are never taken for an id.
 * requireAdmin is mounted in front by the app.
 */
export function autoRepliesRouter(rules: AutoReplyService): Router {
  const router = new Router({ prefix: '/api/v1/accounts/:appId/auto-replies' });
  const read = requireCapability('rules:read');
  const write = requireCapability('rules:write');
  const appId = (ctx: Context) => (ctx.params as { appId?: string }).appId ?? '';
  const ruleId = (ctx: Context) => (ctx.params as { ruleId?: string }).ruleId ?? '';

  router.get('/', read, async (ctx) => {
    ctx.body = { items: await rules.list(appId(ctx)) };
  });

  router.post('/', write, async (ctx) => {
    const created = await rules.create(appId(ctx), await readJsonBody(ctx));
    ctx.status = 201;
    ctx.set('Location', `/api/v1/accounts/${encodeURIComponent(created.appId)}/auto-replies/${encodeURIComponent(created.id)}`);
    ctx.body = created;
  });

  router.get('/export', read, async (ctx) => {
    ctx.body = await rules.exportRules(appId(ctx));
  });

  router.post('/import', write, async (ctx) => {
    const mode = modeOf(ctx, 'append');
    ctx.body = await rules.importRules(appId(ctx), await readJsonBody(ctx, IMPORT_BODY_LIMIT_BYTES), mode);
  });

  // A dry run changes nothing, but it reveals replies: reading rules is what it needs.
  router.post('/test', read, async (ctx) => {
    ctx.body = await rules.test(appId(ctx), await readJsonBody(ctx));
  });

  router.post('/import-console', write, async (ctx) => {
    ctx.body = await rules.importFromConsole(appId(ctx), { dryRun: flag(ctx, 'dryRun'), mode: modeOf(ctx, 'append') });
  });

  router.get('/:ruleId', read, async (ctx) => {
    ctx.body = await rules.get(appId(ctx), ruleId(ctx));
  });

  router.patch('/:ruleId', write, async (ctx) => {
    ctx.body = await rules.update(appId(ctx), ruleId(ctx), await readJsonBody(ctx));
  });

  router.delete('/:ruleId', write, async (ctx) => {
    await rules.remove(appId(ctx), ruleId(ctx));
    ctx.status = 204;
  });

  return router;
}

function modeOf(ctx: Context, fallback: ImportMode): ImportMode {
  const mode = ctx.query.mode;
  if (mode === undefined) return fallback;
  if (typeof mode === 'string' && (importModes as readonly string[]).includes(mode)) return mode as ImportMode;
  throw new ValidationError(`mode must be one of: ${importModes.join(', ')}`, [{ field: 'mode', message: `must be one of: ${importModes.join(', ')}` }]);
}

function flag(ctx: Context, name: string): boolean {
  const value = ctx.query[name];
  if (value === undefined || value === 'false' || value === '0') return false;
  if (value === '' || value === 'true' || value === '1') return true;
  throw new ValidationError(`${name} must be true or false`, [{ field: name, message: 'must be true or false' }]);
}

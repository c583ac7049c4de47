import Router from '@koa/router';
import type { Context } from 'koa';
import { can } from '../../modules/admin-access';
import type { AgentService, CustomerServiceDesk, DeskSettingsService, InboxView, LeadService, SlaReporter } from '../../modules/customer-service';
import { agentStatuses } from '../../modules/customer-service';
import { AuthError, ForbiddenError } from '../../shared/errors';
import { QueryParams } from '../../shared/query-params';
import { readJsonBody } from '../body';
import { principalOf, requireCapability } from '../middleware/auth';

export interface CustomerServiceRoutesDeps {
  desk: CustomerServiceDesk;
  agents: AgentService;
  settings: DeskSettingsService;
  reports: SlaReporter;
  leads: LeadService;
}

const VIEWS: readonly InboxView[] = ['waiting', 'mine', 'breached', 'due_soon', 'open', 'closed'];

/**
 * Customer service (see README "Customer service"):
 *   GET  /api/v1/conversations?view=waiting|mine|breached|due_soon|open|closed&appId=&limit=
 *   GET  /api/v1/conversations/:id                       thread, and WeChat's window (messages left, end)
 *   POST /api/v1/conversations/:id/reply                 {type:"text",content} | {type:"image"|"voice",mediaId} | {type:"news",article} | {canned}
 *   POST /api/v1/conversations/:id/assign                {agentId} (supervisor; without agentId: take over)
 *   POST /api/v1/conversations/:id/close
 *   GET/POST /api/v1/agents, GET/PATCH/DELETE /api/v1/agents/:id, PUT /api/v1/agents/:id/status {status}
 *   GET/PATCH /api/v1/accounts/:appId/desk               desk settings (routing, SLA, handoff, notifications, canned replies)
 *   GET  /api/v1/accounts/:appId/sla-report?month=YYYY-MM
 *   GET  /api/v1/accounts/:appId/leads?since=&until=&limit=&format=csv
 * An agent's token is named after the agent: it sees and answers its own conversations (and reads
 * unowned ones); cs:supervise sees every inbox, assigns and takes over.
 */
export function customerServiceRouter(deps: CustomerServiceRoutesDeps): Router {
  const router = new Router({ prefix: '/api/v1' });
  const read = requireCapability('cs:read');
  const reply = requireCapability('cs:reply');
  const admin = requireCapability('cs:admin');
  const param = (ctx: Context, name: string) => (ctx.params as Record<string, string>)[name] ?? '';

  router.get('/conversations', read, async (ctx) => {
    const q = new QueryParams(ctx.query);
    const view = q.oneOf('view', VIEWS) ?? 'open';
    const appId = q.one('appId');
    const limit = q.whole('limit', 1, 500) ?? 100;
    q.done('inbox query');
    ctx.body = { items: await deps.desk.inbox(actorOf(ctx), view, appId, limit) };
  });
  router.get('/conversations/:id', read, async (ctx) => {
    ctx.body = await deps.desk.view(param(ctx, 'id'), actorOf(ctx));
  });
  router.post('/conversations/:id/reply', reply, async (ctx) => {
    ctx.body = await deps.desk.reply(param(ctx, 'id'), actorOf(ctx), await readJsonBody(ctx));
  });
  router.post('/conversations/:id/assign', requireCapability('cs:supervise'), async (ctx) => {
    const body = (await readJsonBody(ctx).catch(() => ({}))) as { agentId?: unknown };
    ctx.body = await deps.desk.assign(param(ctx, 'id'), actorOf(ctx), typeof body?.agentId === 'string' ? body.agentId : undefined);
  });
  router.post('/conversations/:id/close', reply, async (ctx) => {
    ctx.body = await deps.desk.close(param(ctx, 'id'), actorOf(ctx));
  });

  router.get('/agents', read, async (ctx) => {
    const q = new QueryParams(ctx.query);
    const appId = q.one('appId');
    q.done('agent query');
    ctx.body = { items: await deps.agents.list(appId) };
  });
  router.post('/agents', admin, async (ctx) => {
    ctx.body = await deps.agents.create(await readJsonBody(ctx));
    ctx.status = 201;
  });
  router.get('/agents/:id', read, async (ctx) => {
    ctx.body = await deps.agents.get(param(ctx, 'id'));
  });
  router.patch('/agents/:id', admin, async (ctx) => {
    ctx.body = await deps.agents.update(param(ctx, 'id'), await readJsonBody(ctx));
  });
  router.delete('/agents/:id', admin, async (ctx) => {
    await deps.agents.remove(param(ctx, 'id'));
    ctx.status = 204;
  });
  // An agent sets its own status; a supervisor anyone's. Coming online hands out waiting conversations.
  router.put('/agents/:id/status', reply, async (ctx) => {
    const id = param(ctx, 'id');
    const actor = actorOf(ctx);
    if (!actor.supervises && actor.name !== id) throw new ForbiddenError(`only ${id} or a supervisor may set ${id}'s status`);
    const body = (await readJsonBody(ctx)) as { status?: unknown };
    const agent = await deps.agents.setStatus(id, body?.status);
    const dispatched = agent.status === 'online' ? await deps.desk.dispatchWaiting() : { assigned: [] };
    ctx.body = { agent, assigned: dispatched.assigned, statuses: agentStatuses };
  });

  router.get('/accounts/:appId/desk', read, async (ctx) => {
    ctx.body = maskSecret(await deps.settings.get(param(ctx, 'appId')));
  });
  router.patch('/accounts/:appId/desk', admin, async (ctx) => {
    ctx.body = maskSecret(await deps.settings.update(param(ctx, 'appId'), await readJsonBody(ctx)));
  });
  // Reports and leads (followers' phone numbers) are the supervisor's: an agency's agents serve some clients, not all.
  const supervise = requireCapability('cs:supervise');
  router.get('/accounts/:appId/sla-report', supervise, async (ctx) => {
    const q = new QueryParams(ctx.query);
    const month = q.one('month') ?? new Date().toISOString().slice(0, 7);
    q.done('report query');
    ctx.body = await deps.reports.slaReport(param(ctx, 'appId'), month);
  });
  router.get('/accounts/:appId/leads', supervise, async (ctx) => {
    const q = new QueryParams(ctx.query);
    const query = { since: q.time('since'), until: q.time('until'), limit: q.whole('limit', 1, 50_000) };
    const format = q.oneOf('format', ['json', 'csv'] as const) ?? 'json';
    q.done('lead query');
    const appId = param(ctx, 'appId');
    if (format === 'json') {
      ctx.body = { items: await deps.leads.list(appId, query) };
      return;
    }
    ctx.type = 'text/csv; charset=utf-8';
    ctx.set('content-disposition', `attachment; filename="leads-${appId}.csv"`);
    ctx.body = await deps.leads.csv(appId, query);
  });
  return router;
}

function actorOf(ctx: Context): { name: string; supervises: boolean } {
  const principal = principalOf(ctx);
  if (!principal) throw new AuthError();
  return { name: principal.name, supervises: can(principal, 'cs:supervise') };
}

/** The notification secret signs the account's webhooks: never shown, only whether it is set (a GET body PATCHed back keeps it). */
function maskSecret<T extends { notifySecret: string | null }>(settings: T): Omit<T, 'notifySecret'> & { hasNotifySecret: boolean } {
  const { notifySecret, ...rest } = settings;
  return { ...rest, hasNotifySecret: notifySecret !== null };
}

import { z } from 'zod';
import type { Clock } from '../../shared/clock';
import { ConflictError, NotFoundError } from '../../shared/errors';
import { definedOnly, distinct, invalid, parseOrThrow, textField, wholeNumber, type FieldProblem } from '../../shared/field-problems';
import { agentStatuses, type Agent } from './customer-service';
import type { AgentRepository } from './customer-service.ports';
import type { DeskAccounts } from './desk-settings';

export interface AgentServiceDeps {
  repo: AgentRepository;
  accounts: DeskAccounts;
  clock: Clock;
}


// The agent's id is also the name of its admin token (role agent), so it stays short and URL-safe.
const agentId = z.string().regex(/^[a-z0-9_.-]{2,32}$/, 'must be 2–32 characters: a–z, 0–9, _ . -');
// WeChat's kf account (protocol doc §6.3): a prefix of ≤ 10 [A-Za-z0-9_], '@', the account's WeChat id (≤ 30).
const kfAccount = z.string().regex(/^[A-Za-z0-9_]{1,10}@[A-Za-z0-9_-]{1,30}$/, 'must be prefix@wechat_id (prefix ≤ 10 letters, digits or _)');

const fields = {
  name: textField(32),
  appIds: z.array(z.string().min(1, 'must not be empty')).min(1, 'must name at least one account').max(100, 'must name at most 100 accounts').transform(distinct),
  skills: z.array(textField(32)).max(32, 'must list at most 32 skills').transform(distinct),
  maxLoad: wholeNumber(1, 200),
  kfAccount: kfAccount.nullable(),
  status: z.enum(agentStatuses, 'must be online, away or offline'),
};

export const agentInputSchema = z.object({
  id: agentId,
  ...fields,
  skills: fields.skills.default([]),
  maxLoad: fields.maxLoad.default(10),
  kfAccount: fields.kfAccount.default(null),
  status: fields.status.default('offline'),
}).strict();

/** A change: any of the fields but the id (the token's name) and the status (setStatus moves it). */
export const agentPatchSchema = z.object(fields).omit({ status: true }).partial().strict();

const statusSchema = z.object({ status: fields.status }).strict();

/** The desk's agents: who they are, which accounts they serve, how much they may hold, whether they are in. */
export class AgentService {
  constructor(private readonly deps: AgentServiceDeps) {}

  async create(input: unknown): Promise<Agent> {
    const { id, ...rest } = parseOrThrow(agentInputSchema, input, 'the agent');
    await this.checkReferences(id, rest.appIds, rest.kfAccount);
    if (await this.deps.repo.get(id)) throw new ConflictError(`an agent with id ${id} already exists`, { id });
    const now = this.now();
    const agent: Agent = { id, ...rest, lastAssignedAt: null, createdAt: now, updatedAt: now };
    await this.deps.repo.save(agent);
    return agent;
  }

  /** Fields the body leaves out keep their value; a lower maxLoad leaves conversations already held with the agent. */
  async update(id: string, input: unknown): Promise<Agent> {
    const patch = parseOrThrow(agentPatchSchema, input, 'the change');
    const current = await this.get(id);
    const given: Partial<Agent> = definedOnly(patch);
    const next: Agent = { ...current, ...given, id, updatedAt: this.now() };
    await this.checkReferences(id, given.appIds ?? [], given.kfAccount ?? null);
    await this.deps.repo.save(next);
    return next;
  }

  async get(id: string): Promise<Agent> {
    const agent = await this.deps.repo.get(id);
    if (!agent) throw new NotFoundError(`no agent ${id}`);
    return agent;
  }

  /** Every agent, or those serving the account (404 for an unknown account); id order. */
  async list(appId?: string): Promise<Agent[]> {
    if (appId !== undefined) await this.deps.accounts.get(appId);
    return this.deps.repo.list(appId);
  }

  /** The agent's open conversations are not moved here: the conversation service reassigns them. */
  async remove(id: string): Promise<void> {
    if (!(await this.deps.repo.remove(id))) throw new NotFoundError(`no agent ${id}`);
  }

  async setStatus(id: string, status: unknown): Promise<Agent> {
    const parsed = parseOrThrow(statusSchema, { status }, 'the status');
    if (!(await this.deps.repo.setStatus(id, parsed.status, this.now()))) throw new NotFoundError(`no agent ${id}`);
    return this.get(id);
  }

  /** Each account must exist (a 400 naming each one that does not), and a kf account belongs to one agent. */
  private async checkReferences(id: string, appIds: readonly string[], kf: string | null): Promise<void> {
    const problems: FieldProblem[] = [];
    for (const [i, appId] of appIds.entries()) {
      try {
        await this.deps.accounts.get(appId);
      } catch (err) {
        if (!(err instanceof NotFoundError)) throw err;
        problems.push({ field: `appIds.${i}`, message: `names no account (${appId})` });
      }
    }
    if (problems.length > 0) throw invalid('the agent', problems);
    if (kf === null) return;
    const holder = (await this.deps.repo.list()).find((a) => a.kfAccount === kf && a.id !== id);
    if (holder) throw new ConflictError(`kf account ${kf} already belongs to agent ${holder.id}`, { kfAccount: kf, agentId: holder.id });
  }

  private now(): string {
    return this.deps.clock.now().toISOString();
  }
}

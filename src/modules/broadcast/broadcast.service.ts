import { randomUUID } from 'node:crypto';
import type { Clock } from '../../shared/clock';
import { AppError, ConflictError, NotFoundError, ValidationError } from '../../shared/errors';
import { zonedInstant } from '../../shared/zoned-time';
import { parseOrThrow } from '../../shared/field-problems';
import {
  campaignInputSchema, campaignPatchSchema, clientMsgIdFor, previewSchema, sendTimeSchema,
  type Campaign, type CampaignState, type SendTime,
} from './broadcast';
import type { BroadcastAccounts, BroadcastPlatform, CampaignQuery, CampaignRepository, PushMarks } from './broadcast.ports';
import { cadenceOf, type Cadence } from './cadence';
import { toMassMessage } from './mass-payload';
import { quotaProblem } from './quotas';

export interface BroadcastServiceDeps {
  repo: CampaignRepository;
  accounts: BroadcastAccounts;
  platform: BroadcastPlatform;
  clock: Clock;
}

const EDITABLE: readonly CampaignState[] = ['draft', 'previewed'];
const CANCELLABLE: readonly CampaignState[] = ['draft', 'previewed', 'scheduled'];

/** What operators do with campaigns: create, edit, preview, confirm, schedule, cancel, look. Sending is CampaignSender's. */
export class BroadcastService {
  constructor(private readonly deps: BroadcastServiceDeps) {}

  async create(appId: string, input: unknown, by: string): Promise<Campaign> {
    await this.deps.accounts.get(appId);
    const { name, content, audience } = parseOrThrow(campaignInputSchema, input, 'the campaign');
    const id = randomUUID();
    const now = this.now();
    const campaign: Campaign = {
      id, appId, name, content, audience, state: 'draft', clientMsgId: clientMsgIdFor(id), preview: null, confirmation: null,
      sendTime: null, dueAt: null, attempts: 0, firstAttemptAt: null, leaseUntil: null, msgId: null, msgDataId: null, sentAt: null,
      reason: null, results: null, createdBy: by, createdAt: now, updatedAt: now,
    };
    await this.deps.repo.insert(campaign);
    return campaign;
  }

  async get(appId: string, id: string): Promise<Campaign> {
    const campaign = await this.deps.repo.get(id);
    if (!campaign || campaign.appId !== appId) throw new NotFoundError(`no campaign ${id} for account ${appId}`);
    return campaign;
  }

  async list(query: CampaignQuery): Promise<Campaign[]> {
    await this.deps.accounts.get(query.appId);
    return this.deps.repo.list(query);
  }

  /** Any edit of what is sent or to whom voids the preview and the confirmation. */
  async update(appId: string, id: string, input: unknown): Promise<Campaign> {
    const patch = parseOrThrow(campaignPatchSchema, input, 'the change');
    const campaign = await this.inState(appId, id, EDITABLE, 'edited');
    return this.move(campaign, { ...patch, state: 'draft', preview: null, confirmation: null });
  }

  /** Sends the campaign to the testers' phones (preview API); it is then waiting for an operator's confirmation. */
  async preview(appId: string, id: string, input: unknown): Promise<Campaign> {
    const { openids, wechatIds } = parseOrThrow(previewSchema, input, 'the preview request');
    const campaign = await this.inState(appId, id, EDITABLE, 'previewed');
    const api = await this.deps.platform.forAccount(appId);
    if (!api) throw new AppError('account_without_secret', `account ${appId} has no AppSecret: WeChat's API cannot be called`, 409);
    const message = toMassMessage(campaign.content);
    for (const openid of openids) await api.mass.preview({ openid }, message);
    for (const wechatId of wechatIds) await api.mass.preview({ wechatId }, message);
    return this.move(campaign, { state: 'previewed', preview: { sentAt: this.now(), openids, wechatIds }, confirmation: null });
  }

  async confirm(appId: string, id: string, by: string): Promise<Campaign> {
    const campaign = await this.inState(appId, id, ['previewed'], 'confirmed (send a preview first)');
    return this.move(campaign, { confirmation: { by, at: this.now() } });
  }

  /** Into a slot of the account's day or at an exact time; only after a confirmed preview, and only what WeChat will accept. */
  async schedule(appId: string, id: string, input: unknown): Promise<Campaign> {
    const sendTime = parseOrThrow(sendTimeSchema, input, 'the send time') as SendTime;
    const campaign = await this.inState(appId, id, ['previewed', 'scheduled'], 'scheduled');
    if (!campaign.confirmation) throw new ConflictError(`campaign ${id} has a preview nobody confirmed yet: confirm it before scheduling`);
    const account = await this.deps.accounts.get(appId);
    const dueAt = this.dueAt(sendTime, account);
    if (dueAt <= this.now()) throw new ValidationError(`the send time ${dueAt} has passed`);
    const problem = await quotaProblem(this.deps.repo, { ...campaign, dueAt }, account);
    if (problem) throw new AppError('mass_send_quota', problem, 409);
    return this.move(campaign, { state: 'scheduled', sendTime, dueAt });
  }

  async cancel(appId: string, id: string, reason = 'cancelled by an operator'): Promise<Campaign> {
    const campaign = await this.inState(appId, id, CANCELLABLE, 'cancelled');
    return this.move(campaign, { state: 'cancelled', reason });
  }

  /** How long since the account's last push, against the contracts' 3- and 7-day marks. */
  async cadence(appId: string): Promise<Cadence> {
    const account = await this.deps.accounts.get(appId);
    return cadenceOf(await this.deps.repo.lastSentAt(appId), this.deps.clock.now(), account.pushSchedule);
  }

  /** The account's slots (HH:MM in its time zone, from its push schedule). */
  async slots(appId: string): Promise<{ slots: readonly string[]; timeZone: string }> {
    const account = await this.deps.accounts.get(appId);
    return { slots: account.pushSchedule.slots, timeZone: account.timeZone };
  }

  private dueAt(sendTime: SendTime, account: { timeZone: string; pushSchedule: PushMarks }): string {
    if ('at' in sendTime) return new Date(sendTime.at).toISOString();
    const { slots } = account.pushSchedule;
    if (!slots.includes(sendTime.slot)) {
      throw new ValidationError(`slot ${sendTime.slot} is not one of the account's slots (${slots.join(', ')}); give {at} for another time, or change the account's pushSchedule`);
    }
    return zonedInstant(sendTime.date, sendTime.slot, account.timeZone).toISOString();
  }

  private async inState(appId: string, id: string, allowed: readonly CampaignState[], verb: string): Promise<Campaign> {
    const campaign = await this.get(appId, id);
    if (!allowed.includes(campaign.state)) throw new ConflictError(`campaign ${id} is ${campaign.state}: it cannot be ${verb}`);
    return campaign;
  }

  /** Writes the change only if nobody moved the campaign meanwhile (a sweep may have started sending it). */
  private async move(campaign: Campaign, patch: Partial<Campaign>): Promise<Campaign> {
    const next = { ...campaign, ...patch, updatedAt: this.now() };
    if (!(await this.deps.repo.transition(campaign.id, campaign.state, { ...patch, updatedAt: next.updatedAt }))) {
      throw new ConflictError(`campaign ${campaign.id} changed meanwhile; read it again`);
    }
    return next;
  }

  private now(): string {
    return this.deps.clock.now().toISOString();
  }
}

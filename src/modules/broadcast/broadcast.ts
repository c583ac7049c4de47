import { z } from 'zod';

/**
 * A mass-send campaign (群发): what is sent, to whom, when, and where it stands.
 *
 * draft ──preview──▶ previewed ──confirm, schedule──▶ scheduled ──due──▶ sending ──▶ sent
 *   ▲                    │                               │                  │
 *   └──── edit ──────────┘                               ├─▶ missed         └─▶ failed
 *   (any edit needs a new preview)         cancel: draft, previewed, scheduled → cancelled
 *
 * The house rule from the seed documents: nothing is mass-sent without a preview that an operator
 * confirmed. `sent` means WeChat accepted the job; its delivery counts arrive later (results).
 */
export const campaignStates = ['draft', 'previewed', 'scheduled', 'sending', 'sent', 'failed', 'cancelled', 'missed'] as const;
export type CampaignState = (typeof campaignStates)[number];

/** What is sent: the mass-send payloads of docs/wechat-protocol.md §7.2, in camelCase. */
export type CampaignContent =
  | { type: 'mpnews'; mediaId: string; sendIgnoreReprint?: boolean }
  | { type: 'text'; content: string }
  | { type: 'voice'; mediaId: string }
  | { type: 'images'; mediaIds: string[]; recommend?: string }
  | { type: 'mpvideo'; mediaId: string; title?: string; description?: string };

export type Audience = { kind: 'all' } | { kind: 'tag'; tagId: number } | { kind: 'openids'; openids: string[] };

/** A slot on a local date (the account's zone), or an exact instant. */
export type SendTime = { slot: string; date: string } | { at: string };

export interface CampaignResults {
  /** MASSSENDJOBFINISH Status: `send success`, `send fail`, `err(N)`. */
  status: string;
  totalCount: number | null;
  filterCount: number | null;
  sentCount: number | null;
  errorCount: number | null;
  /** mpnews only: 1 not a reprint, 2 reprint that may be sent, 3 reprint that may not. */
  copyrightCheckState: number | null;
  finishedAt: string;
}

export interface Campaign {
  id: string;
  appId: string;
  name: string;
  content: CampaignContent;
  audience: Audience;
  state: CampaignState;
  /** Our idempotency key for WeChat (clientmsgid): fixed at creation, sent on every attempt. */
  clientMsgId: string;
  preview: { sentAt: string; openids: string[]; wechatIds: string[] } | null;
  confirmation: { by: string; at: string } | null;
  sendTime: SendTime | null;
  /** The instant the send is due (from sendTime, in the account's zone). */
  dueAt: string | null;
  attempts: number;
  /** When the first attempt claimed the send: WeChat remembers a clientmsgid for 24 hours only. */
  firstAttemptAt: string | null;
  /**
   * A worker that claimed the send holds it until then; past it, another may take over (the first
   * died mid-send). After a transient failure it is also the time of the next attempt.
   */
  leaseUntil: string | null;
  msgId: string | null;
  msgDataId: string | null;
  sentAt: string | null;
  /** Why it failed, was missed or cancelled. */
  reason: string | null;
  results: CampaignResults | null;
  createdBy: string;
  createdAt: string;
  updatedAt: string;
}


const time = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be HH:MM (24-hour)');
const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date YYYY-MM-DD');
const mediaId = z.string().min(1, 'is required').max(200);

const contentSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('mpnews'), mediaId, sendIgnoreReprint: z.boolean().optional() }).strict(),
  // WeChat's own limit for a text mass message is not documented; the 2048 bytes of a text reply is a safe bound.
  z.object({ type: z.literal('text'), content: z.string().min(1).refine((s) => Buffer.byteLength(s) <= 2048, 'must be at most 2048 bytes') }).strict(),
  z.object({ type: z.literal('voice'), mediaId }).strict(),
  z.object({ type: z.literal('images'), mediaIds: z.array(mediaId).min(1).max(20), recommend: z.string().max(300).optional() }).strict(),
  z.object({ type: z.literal('mpvideo'), mediaId, title: z.string().max(64).optional(), description: z.string().max(120).optional() }).strict(),
], { error: 'content.type must be one of: mpnews, text, voice, images, mpvideo' });

const audienceSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('all') }).strict(),
  z.object({ kind: z.literal('tag'), tagId: z.number().int().nonnegative() }).strict(),
  // WeChat's send-by-openid takes 2..10 000 openids (§7.2).
  z.object({ kind: z.literal('openids'), openids: z.array(z.string().min(1)).min(2).max(10_000) }).strict(),
], { error: 'audience.kind must be one of: all, tag, openids' });

export const campaignInputSchema = z.object({
  name: z.string().trim().min(1, 'is required').max(100),
  content: contentSchema,
  audience: audienceSchema,
}).strict();
export type CampaignInput = z.infer<typeof campaignInputSchema>;

export const campaignPatchSchema = campaignInputSchema.partial().strict();
export type CampaignPatch = z.infer<typeof campaignPatchSchema>;

export const sendTimeSchema = z.union([
  z.object({ slot: time, date: day }).strict(),
  z.object({ at: z.iso.datetime({ offset: true, error: 'must be an ISO 8601 instant' }) }).strict(),
], { error: 'give either {slot: "HH:MM", date: "YYYY-MM-DD"} or {at: ISO instant}' });

export const previewSchema = z.object({
  openids: z.array(z.string().min(1)).max(20).default([]),
  wechatIds: z.array(z.string().min(1)).max(20).default([]),
}).strict().refine((p) => p.openids.length + p.wechatIds.length > 0, 'name at least one tester (openids or wechatIds)');

/** Deterministic per campaign and ≤ 64 bytes (WeChat's limit, 45067): every attempt sends the same one. */
export const clientMsgIdFor = (campaignId: string): string => `wxoa-${campaignId}`;

/** States from which nothing more will happen. */
export const isFinal = (state: CampaignState): boolean => state === 'sent' || state === 'failed' || state === 'cancelled' || state === 'missed';

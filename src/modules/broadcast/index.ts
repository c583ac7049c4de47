/** The mass-send capability: campaigns previewed, confirmed, scheduled into slots and sent exactly once. */
export type { Audience, Campaign, CampaignContent, CampaignInput, CampaignPatch, CampaignResults, CampaignState, SendTime } from './broadcast';
export { campaignInputSchema, campaignPatchSchema, campaignStates, clientMsgIdFor, isFinal, previewSchema, sendTimeSchema } from './broadcast';
export type { BroadcastAccounts, BroadcastPlatform, CampaignQuery, CampaignRepository, MassSendApi } from './broadcast.ports';
export { BroadcastService, type BroadcastServiceDeps } from './broadcast.service';
export { CampaignSender, type SenderOptions, type SweepReport } from './campaign-sender';
export { cadenceOf, type Cadence } from './cadence';
export { CampaignResultPoller } from './result-poller';
export { quotaProblem, localBounds, SERVICE_SENDS_PER_MONTH } from './quotas';
export { broadcastHandlers } from './broadcast.handlers';
export { MemoryCampaignRepository } from './memory-campaigns';

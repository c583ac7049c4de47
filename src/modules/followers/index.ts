/** The followers capability: full syncs from WeChat, kept current by follow events, listed, and attributed to channels (QR codes). */
export type { ChannelCount, ChannelReport, Follower, FollowerPage, FollowerQuery, SyncedFollower, SyncResult } from './followers';
export { attributionOfEvent, splitQrScene } from './followers';
export type { FollowerAccounts, FollowerPlatform, FollowerRepository, FollowerUsersApi } from './followers.ports';
export { FollowerService, type FollowerServiceDeps } from './followers.service';
export { parseFollowerQuery } from './followers-query';
export { withFollowerTracking } from './followers.handlers';
export { MemoryFollowerRepository } from './memory-followers';

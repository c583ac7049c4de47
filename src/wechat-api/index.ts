import type { Clock } from '../shared/clock';
import { systemClock } from '../shared/clock';
import type { Logger } from '../shared/logger';
import { BlacklistApi } from './blacklist';
import { CallbackIpApi } from './callback-ip';
import { createWeChatApiClient, type WeChatApiClient } from './client';
import { CustomServiceApi } from './custom-service';
import { DatacubeApi } from './datacube';
import { DraftApi } from './draft';
import { FreePublishApi } from './freepublish';
import { KfApi } from './kf-accounts';
import { MassApi } from './mass';
import { MediaApi } from './media';
import { MenuApi } from './menu';
import { QrCodeApi } from './qrcode';
import { TagsApi } from './tags';
import { TemplateApi } from './template';
import type { TokenMode } from './token-manager';
import type { TokenStore } from './token-store';
import { UsersApi } from './users';

export type { ApiCaller } from './caller';
export { WeChatApiError, WeChatTransportError } from './errors';
export { MemoryTokenStore, type TokenStore } from './token-store';
export { createWeChatApiClient, type WeChatApiClient } from './client';

/** Every API group for one account, over one client (one token). */
export class WeChatApi {
  readonly menu: MenuApi;
  readonly customService: CustomServiceApi;
  readonly kf: KfApi;
  readonly mass: MassApi;
  readonly draft: DraftApi;
  readonly freePublish: FreePublishApi;
  readonly media: MediaApi;
  readonly qrCode: QrCodeApi;
  readonly template: TemplateApi;
  readonly users: UsersApi;
  readonly tags: TagsApi;
  readonly blacklist: BlacklistApi;
  readonly datacube: DatacubeApi;
  readonly callbackIp: CallbackIpApi;

  constructor(readonly client: WeChatApiClient, clock: Clock = systemClock) {
    this.menu = new MenuApi(client);
    this.customService = new CustomServiceApi(client);
    this.kf = new KfApi(client);
    this.mass = new MassApi(client);
    this.draft = new DraftApi(client);
    this.freePublish = new FreePublishApi(client);
    this.media = new MediaApi(client);
    this.qrCode = new QrCodeApi(client);
    this.template = new TemplateApi(client);
    this.users = new UsersApi(client);
    this.tags = new TagsApi(client);
    this.blacklist = new BlacklistApi(client);
    this.datacube = new DatacubeApi(client, clock);
    this.callbackIp = new CallbackIpApi(client);
  }
}

export interface AccountCredentials {
  appId: string;
  appSecret: string | null;
  tokenMode?: TokenMode;
}

/**
 * One WeChatApi per account for the whole process, all sharing one TokenStore: two stores (or two
 * clients) for one account would mean two tokens and the 40001 storms this design exists to end.
 */
export class WeChatApiClients {
  private readonly clients = new Map<string, WeChatApi>();

  constructor(
    private readonly opts: {
      baseUrl: string;
      timeoutMs: number;
      tokenStore: TokenStore;
      credentials: (appId: string) => Promise<AccountCredentials | null>;
      clock?: Clock;
      logger?: Logger;
    },
  ) {}

  /** The API for an account, or null when the account is unknown or has no AppSecret (the webhook needs none; the API does). */
  async forAccount(appId: string): Promise<WeChatApi | null> {
    const cached = this.clients.get(appId);
    if (cached) return cached;
    const credentials = await this.opts.credentials(appId);
    if (!credentials?.appSecret) return null;
    const client = createWeChatApiClient({
      baseUrl: this.opts.baseUrl,
      appId,
      appSecret: credentials.appSecret,
      tokenMode: credentials.tokenMode,
      tokenStore: this.opts.tokenStore,
      timeoutMs: this.opts.timeoutMs,
      clock: this.opts.clock,
      logger: this.opts.logger,
    });
    const api = new WeChatApi(client, this.opts.clock);
    this.clients.set(appId, api);
    return api;
  }

  /** After an account's AppSecret changes or it is removed. */
  forget(appId: string): void {
    this.clients.delete(appId);
  }
}

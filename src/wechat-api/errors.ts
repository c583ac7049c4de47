import { AppError } from '../shared/errors';

/**
 * Stable symbolic names for WeChat's errcodes (docs/wechat-protocol.md §4.2, with the ranges it
 * points at in §5 and §6). Callers switch on `name`, never on errmsg: errmsg wording changes
 * between platform versions ("api freq out of limit" became "reach max api daily quota limit").
 */
const NAMES: Record<number, string> = {
  [-1]: 'system_error',
  40001: 'invalid_credential',
  40002: 'invalid_grant_type',
  40003: 'invalid_openid',
  40013: 'invalid_appid',
  40014: 'invalid_access_token',
  40032: 'invalid_openid_list_size',
  40125: 'invalid_appsecret',
  40130: 'openid_list_needs_at_least_two',
  40164: 'ip_not_in_whitelist',
  40243: 'appsecret_frozen',
  41001: 'access_token_missing',
  42001: 'access_token_expired',
  43004: 'require_subscribe',
  45009: 'api_daily_quota_reached',
  45011: 'api_minute_quota_reached',
  45015: 'response_out_of_time_limit',
  45028: 'no_masssend_quota',
  45047: 'out_of_response_count_limit',
  45056: 'too_many_tags',
  45057: 'tag_has_too_many_fans',
  45058: 'reserved_tag_not_modifiable',
  45059: 'user_has_too_many_tags',
  45065: 'clientmsgid_exist',
  45066: 'clientmsgid_retry_too_fast',
  45067: 'clientmsgid_too_long',
  45083: 'speed_out_of_range',
  45084: 'speed_missing',
  45157: 'invalid_tag_name',
  45158: 'tag_name_too_long',
  45159: 'invalid_tag_id',
  46001: 'media_not_exist',
  46003: 'menu_not_exist',
  46004: 'user_not_exist',
  47001: 'data_format_error',
  48001: 'api_unauthorized',
  48002: 'user_blocked_messages',
  48008: 'msgtype_not_permitted',
  53500: 'publish_banned',
  53501: 'publish_too_frequent',
  53502: 'invalid_publish_id',
  53600: 'invalid_article_id',
  // §5 conditional menus
  65301: 'menuid_not_exist',
  65302: 'menu_user_not_exist',
  65303: 'default_menu_missing',
  65304: 'matchrule_empty',
  65305: 'conditional_menu_limit',
  65306: 'conditional_menu_unsupported',
  65307: 'conditional_menu_empty',
  65308: 'button_without_response',
  65309: 'conditional_menu_off',
  65310: 'matchrule_country_required',
  65311: 'matchrule_province_required',
  65312: 'matchrule_invalid_country',
  65313: 'matchrule_invalid_province',
  65314: 'matchrule_invalid_city',
  65316: 'menu_too_many_domains',
  65317: 'menu_invalid_url',
  65320: 'matchrule_privacy_field',
  // §6 customer-service accounts and sessions
  61450: 'kf_system_error',
  61451: 'kf_invalid_parameter',
  61452: 'kf_invalid_account',
  61453: 'kf_account_exist',
  61454: 'kf_nickname_too_long',
  61455: 'kf_invalid_characters',
  61456: 'kf_account_limit',
  61457: 'kf_invalid_avatar_type',
  65400: 'kf_not_enabled',
  65401: 'kf_invalid_worker',
  65402: 'kf_worker_not_bound',
  65403: 'kf_invalid_nickname',
  65404: 'kf_invalid_account_name',
  65405: 'kf_account_limit',
  65406: 'kf_account_exist',
  65407: 'kf_already_worker',
  65408: 'kf_already_invited',
  65409: 'kf_invalid_wechat_id',
  65410: 'kf_worker_bound_too_many',
  65411: 'kf_invite_pending',
  65412: 'kf_account_already_bound',
  65413: 'kf_no_session',
  65414: 'kf_served_by_other_worker',
  65415: 'kf_worker_offline',
  65416: 'kf_invalid_msgrecord_args',
  65417: 'kf_msgrecord_range_crosses_day',
  // Media, menus, messages and publishing (codes the emulator produces; wechatpy constants and the official pages).
  40004: 'invalid_media_type',
  40005: 'invalid_file_type',
  40007: 'invalid_media_id',
  40008: 'invalid_message_type',
  40009: 'invalid_image_size',
  40010: 'invalid_voice_size',
  40011: 'invalid_video_size',
  40012: 'invalid_thumb_size',
  40016: 'invalid_button_count',
  40017: 'invalid_button_type',
  40018: 'invalid_button_name_size',
  40019: 'invalid_button_key_size',
  40020: 'invalid_button_url_size',
  40022: 'invalid_sub_button_level',
  40023: 'invalid_sub_button_count',
  40024: 'invalid_sub_button_type',
  40025: 'invalid_sub_button_name_size',
  40026: 'invalid_sub_button_key_size',
  40027: 'invalid_sub_button_url_size',
  40037: 'invalid_template_id',
  40054: 'invalid_sub_button_url_domain',
  40055: 'invalid_button_url_domain',
  40060: 'invalid_article_idx',
  40073: 'invalid_card_id',
  40097: 'invalid_args',
  40132: 'invalid_wechat_id',
  41005: 'media_data_missing',
  44002: 'empty_post_data',
  44003: 'empty_news_data',
  44004: 'empty_text_content',
  45002: 'content_too_long',
  45003: 'title_too_long',
  45004: 'description_too_long',
  45005: 'url_too_long',
  45008: 'too_many_articles',
  45026: 'template_limit',
  45029: 'qrcode_count_limit',
  45072: 'invalid_typing_command',
  45080: 'typing_without_interaction',
  45081: 'already_typing',
  45110: 'author_too_long',
  47003: 'invalid_argument_value',
  61500: 'date_format_error',
  61501: 'date_range_error',
};

/** The symbolic name of an errcode; `errcode_<n>` for codes we have no name for, so logs stay greppable. */
export function errorName(errcode: number): string {
  return NAMES[errcode] ?? `errcode_${errcode}`;
}

/** The token-invalid family: refresh the token and retry once (wechatpy retries on exactly these). */
export function isTokenInvalid(errcode: number): boolean {
  return errcode === 40001 || errcode === 40014 || errcode === 42001;
}

/** Backend busy / minute quota: the same call may succeed later. Every other errcode is final. */
export function isTransient(errcode: number): boolean {
  return errcode === -1 || errcode === 45011;
}

/**
 * A non-zero errcode. Status 502: WeChat refused the call, which is neither the caller's input
 * error nor our bug. `extra` keeps the other body fields (45065 carries the existing msg_id).
 */
export class WeChatApiError extends AppError {
  override readonly name: string;
  constructor(
    readonly errcode: number,
    readonly errmsg: string,
    /** Path without the query, so neither access_token nor secret can ride along. */
    readonly endpoint: string,
    readonly extra: Record<string, unknown> = {},
  ) {
    const name = errorName(errcode);
    super(`wechat_${name}`, describe(errcode, errmsg, endpoint), 502, { errcode, errmsg, endpoint, name, ...extra });
    // AppError sets Error.name to the class name; ours carries the errcode's symbolic name instead.
    this.name = name;
  }
}

function describe(errcode: number, errmsg: string, endpoint: string): string {
  if (errcode === 40164) {
    const ip = /invalid ip ([0-9a-fA-F.:]+)/i.exec(errmsg)?.[1] ?? "this server's egress IP";
    return (
      `WeChat refused ${endpoint} from IP ${ip} (40164): add ${ip} to the account's API IP whitelist in the ` +
      'MP console (设置与开发 → 基本配置 → IP白名单), then retry'
    );
  }
  if (TOKEN_ENDPOINTS.has(endpoint) && (errcode === 40001 || errcode === 40013 || errcode === 40125 || errcode === 40243)) {
    // At the token endpoints these mean the credentials themselves are wrong, not a stale token.
    return `WeChat refused ${endpoint}: ${errcode} ${errmsg} — check the account's AppID and AppSecret (MP console → 设置与开发 → 基本配置)`;
  }
  return `WeChat refused ${endpoint}: ${errcode} ${errmsg}`;
}

const TOKEN_ENDPOINTS = new Set(['/cgi-bin/token', '/cgi-bin/stable_token']);

/** Why a call never got a WeChat answer: network failure, timeout, HTTP error status or an unreadable body. */
export type TransportFailure = 'network' | 'timeout' | 'http_status' | 'bad_response';

/**
 * No usable answer from WeChat. Carries only the path and the failure kind: the underlying axios
 * error holds the full URL with access_token (or the secret, for /cgi-bin/token), so it is dropped.
 */
export class WeChatTransportError extends AppError {
  constructor(
    readonly failure: TransportFailure,
    readonly endpoint: string,
    detail: string,
    readonly httpStatus?: number,
  ) {
    super(failure === 'timeout' ? 'wechat_timeout' : 'wechat_unreachable', `WeChat API ${endpoint}: ${detail}`, failure === 'timeout' ? 504 : 502, {
      endpoint,
      failure,
      ...(httpStatus === undefined ? {} : { httpStatus }),
    });
  }

  /** Network failures, timeouts and 5xx/429 may clear on their own; a 4xx or garbled body will not. */
  get transient(): boolean {
    if (this.failure === 'network' || this.failure === 'timeout') return true;
    return this.failure === 'http_status' && this.httpStatus !== undefined && (this.httpStatus >= 500 || this.httpStatus === 429);
  }
}

/** The retry policy's test: is this failure worth another attempt? */
export function isTransientFailure(err: unknown): boolean {
  if (err instanceof WeChatApiError) return isTransient(err.errcode);
  if (err instanceof WeChatTransportError) return err.transient;
  return false;
}

/**
 * The limits of an auto-reply rule, as the admin API enforces them (quoted by its docs).
 *
 * | what | limit | why |
 * |---|---|---|
 * | rule name | 1–64 characters | as the MP console |
 * | keywords per keyword rule | 1–50 | far above the console's 10; more belongs in another rule |
 * | keyword (exact / contains / prefix) | 1–60 characters, not blank | as the console (30 Chinese characters there; we count characters, not bytes) |
 * | keyword (regex) | 1–200 characters, valid JS syntax, no catastrophic backtracking | see regex-guard.ts |
 * | replies per rule | 1–10 | the console allows 5; reply-all sends the first passively and the rest through the customer-service API (5 per 48 h window per follower, so at most 1 + 5 arrive) |
 * | text reply | 1–2048 characters | WeChat's practical limit for a text message (not stated officially; longer texts are cut or refused) |
 * | news reply | 1–8 articles | 8 for events; when answering a follower's MESSAGE WeChat takes only 1 (since 2018-10-12), so the webhook sends the first article only |
 * | article title | 1–64 characters; description ≤ 120; urls ≤ 1024 | |
 * | media ids (image / voice / video / music thumb) | 1–128 characters | uploaded beforehand; not checked against WeChat here |
 * | time windows | 0–20 per rule, start/end 'HH:MM', days 0–6 (0 = Sunday) | see time-windows.ts |
 * | priority | integer −1000…1000 (default 0) | higher wins |
 * | cooldownMinutes | integer 0–1440 (default 0) | meaningful on default rules only; others ignore it |
 * | click key, event key | 1–128 characters | WeChat's limit for a menu key (128 bytes) |
 * | scan / subscribe scene | 1–64 characters | WeChat's scene_str limit |
 *
 * Rules per account: far beyond the console's 200 (the engine stays fast at 10 000); the cap is the
 * service's MAX_RULES_PER_ACCOUNT.
 */
export const LIMITS = {
  nameChars: 64,
  keywordsPerRule: 50,
  keywordChars: 60,
  regexChars: 200,
  repliesPerRule: 10,
  textReplyChars: 2048,
  newsArticles: 8,
  titleChars: 64,
  descriptionChars: 120,
  urlChars: 1024,
  mediaIdChars: 128,
  kfAccountChars: 64,
  windowsPerRule: 20,
  priority: 1000,
  cooldownMinutes: 1440,
  eventKeyChars: 128,
  sceneChars: 64,
  eventNameChars: 64,
} as const;

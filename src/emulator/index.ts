/**
 * The WeChat platform emulator (`wxoa emulator`), strict to docs/wechat-protocol.md so that what
 * passes against it works against api.weixin.qq.com.
 *
 * WeChat's side: GET /cgi-bin/token, POST /cgi-bin/stable_token, and every API group in ./groups,
 * authenticated with `?access_token=`. Errors are HTTP 200 `{errcode, errmsg: "… rid: …"}`; a path
 * the emulator does not serve is HTTP 404 with `{errcode: -1}` (what an SDK calling a misspelt
 * endpoint sees on the real host is a 404 too).
 *
 * The control API (plain JSON, HTTP status codes, `{"error": {code, message}}` on failure):
 *   GET|POST /__emulator/accounts                      list / create (defaults: service, verified, plaintext)
 *   GET|PATCH|DELETE /__emulator/accounts/:appId
 *   GET  /__emulator/accounts/:appId/stats             {tokenCalls, stableTokenCalls, forceRefreshes, apiCalls, …}
 *   GET  /__emulator/accounts/:appId/callbacks         the last 200 callbacks sent to the webhook
 *   POST /__emulator/accounts/:appId/fans              {count, prefix?, tagIds?} seeds followers
 *   GET  /__emulator/accounts/:appId/fans[/:openid]
 *   POST /__emulator/accounts/:appId/fans/:openid/messages   the simulated follower acts (see core/follower-input.ts)
 *   GET  /__emulator/accounts/:appId/fans/:openid/inbox      what the follower's phone shows
 *   GET|POST /__emulator/clock                         {advanceSeconds} (ManualClock only, else 409)
 *   GET|POST|DELETE /__emulator/faults                 {path, count, errcode?, errmsg?, latencyMs?, drop?}
 */
export { createEmulator, type EmulatorApp, type EmulatorOptions, type RunningEmulator } from './core/app';
export type { AccountInput } from './core/accounts';
export type { SimulationResult } from './core/simulated-follower';
export type { SimulatedAction } from './core/follower-input';
export * from './core/contract';

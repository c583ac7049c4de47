import { AppError, NotFoundError, ValidationError } from '../../shared/errors';
import type { Clock } from '../../shared/clock';
import type { Logger } from '../../shared/logger';
import {
  callbackSignature, dedupKey, encryptReply, fitReplyTo, maxNewsArticles, messageSignature, parseXml, renderReply,
  signatureMatches, toInboundMessage, verifyUrl, WeChatProtocolError, type InboundMessage, type Reply,
} from '../../wechat';
import type { MessageLog, PendingReplyRepository } from '../messages';
import { newMessageId } from '../messages';
import type { AccountCache, ResolvedAccount } from './account-cache';
import { handlerFor, runWithinBudget, type HandlerMap } from './handlers';
import type { OnceGate } from './once';
import type { WebhookObserver, WebhookOutcome } from './webhook.ports';

export interface WebhookRequest {
  appId: string;
  query: Record<string, string | undefined>;
  body: string;
  remoteIp?: string;
}

export interface WebhookResponse {
  body: string;
  contentType: 'text/plain' | 'application/xml';
}

export interface WebhookDeps {
  accounts: AccountCache;
  handlers: HandlerMap;
  once: OnceGate;
  log: MessageLog;
  pending: PendingReplyRepository;
  observer: WebhookObserver;
  clock: Clock;
  logger: Logger;
  maxSkewSeconds: number;
  budgetMs: number;
}

const SUCCESS = 'success';

/** The callback protocol end to end: verify, decrypt, dedup, dispatch within budget, render, encrypt, log. */
export class WebhookService {
  constructor(private readonly deps: WebhookDeps) {}

  /** GET: URL verification. `echostr` comes back byte for byte, in every mode. */
  async verify(req: WebhookRequest): Promise<WebhookResponse> {
    const { account } = await this.resolve(req.appId);
    this.checkFreshness(req.query.timestamp);
    const echo = verifyUrl({ token: account.token, signature: req.query.signature ?? '', timestamp: req.query.timestamp ?? '', nonce: req.query.nonce ?? '', echostr: req.query.echostr ?? '' });
    if (echo === null) throw this.signatureFailure(req, 'signature');
    return { body: echo, contentType: 'text/plain' };
  }

  /** POST: one callback. Never runs handlers twice for a retried message; retries get the same bytes. */
  async receive(req: WebhookRequest): Promise<WebhookResponse> {
    const started = process.hrtime.bigint();
    const resolved = await this.resolve(req.appId);
    this.checkFreshness(req.query.timestamp);
    const { message, xml, encrypted } = this.open(req, resolved);
    const { originalId } = resolved.account;
    if (originalId && message.toUserName !== originalId) {
      throw new ValidationError(`ToUserName ${message.toUserName} is not this account's original id`);
    }
    const key = `${req.appId}:${dedupKey(message)}`;
    let outcome: WebhookOutcome = 'success';
    const result = await this.deps.once.run(
      key,
      async () => {
        const answer = await this.answer(message, xml, resolved, key);
        outcome = answer.outcome;
        if (answer.xml === null) return SUCCESS;
        return encrypted ? this.seal(answer.xml, resolved, req) : answer.xml;
      },
      SUCCESS,
    );
    if (result.duplicate) {
      outcome = 'duplicate';
      this.deps.observer.dedupHit(req.appId);
    }
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    this.deps.observer.request(req.appId, message.kind, outcome, seconds);
    return { body: result.body, contentType: result.body === SUCCESS ? 'text/plain' : 'application/xml' };
  }

  private async resolve(appId: string): Promise<ResolvedAccount> {
    const resolved = await this.deps.accounts.get(appId);
    if (!resolved) throw new NotFoundError(`no account with appId ${appId}`);
    return resolved;
  }

  private checkFreshness(timestamp: string | undefined): void {
    if (timestamp === undefined || !/^\d{1,12}$/.test(timestamp)) throw new ValidationError('timestamp must be unix seconds');
    const max = this.deps.maxSkewSeconds;
    if (max === 0) return;
    const skew = Math.abs(this.deps.clock.now().getTime() / 1000 - Number(timestamp));
    if (skew > max) throw new AppError('timestamp_out_of_window', `timestamp is more than ${max} s from now; refusing a possible replay`, 401);
  }

  /** Checks the right signature for the mode and returns the (decrypted) message. */
  private open(req: WebhookRequest, { account, cipher }: ResolvedAccount): { message: InboundMessage; xml: string; encrypted: boolean } {
    const { timestamp = '', nonce = '' } = req.query;
    const encrypted = req.query.encrypt_type === 'aes' || account.encryptionMode === 'safe';
    if (!encrypted) {
      if (!signatureMatches(callbackSignature(account.token, timestamp, nonce), req.query.signature)) throw this.signatureFailure(req, 'signature');
      return { message: toInboundMessage(parseXml(req.body)), xml: req.body, encrypted };
    }
    if (!cipher) throw new AppError('encoding_aes_key_missing', 'the callback is encrypted but the account has no EncodingAESKey', 400);
    const envelope = parseXml(req.body);
    const encrypt = envelope.Encrypt;
    if (typeof encrypt !== 'string' || encrypt === '') {
      throw new ValidationError(`account ${account.appId} is in ${account.encryptionMode} mode: the body must carry <Encrypt>`);
    }
    if (!signatureMatches(messageSignature(account.token, timestamp, nonce, encrypt), req.query.msg_signature)) throw this.signatureFailure(req, 'msg_signature');
    const xml = cipher.decrypt(encrypt);
    return { message: toInboundMessage(parseXml(xml)), xml, encrypted };
  }

  private signatureFailure(req: WebhookRequest, which: string): WeChatProtocolError {
    this.deps.observer.signatureFailure(req.appId);
    // A security event: who and when, never the token, the signature or the body.
    this.deps.logger.warn({ event: 'security.signature_invalid', appId: req.appId, ip: req.remoteIp, check: which, timestamp: req.query.timestamp }, 'callback signature rejected');
    return new WeChatProtocolError('signature_invalid', `${which} does not match`, 401, -40001);
  }

  /** Runs the handler within budget; logs the message with its reply (one entry). Never throws. */
  private async answer(message: InboundMessage, inboundXml: string, { account }: ResolvedAccount, key: string): Promise<{ xml: string | null; outcome: WebhookOutcome }> {
    const answered = await this.runHandler(message, account, key);
    const reply = answered.reply && answered.xml !== null ? { type: answered.reply.type, xml: answered.xml } : null;
    this.deps.log.record({ appId: account.appId, direction: 'in', openid: message.fromUserName, type: message.msgType, event: message.event, xml: inboundXml, reply });
    return { xml: answered.xml, outcome: answered.outcome };
  }

  private async runHandler(message: InboundMessage, account: ResolvedAccount['account'], key: string): Promise<{ xml: string | null; reply?: Reply; outcome: WebhookOutcome }> {
    const { handlers, budgetMs, clock, logger } = this.deps;
    const handler = handlerFor(handlers, message);
    if (!handler) return { xml: null, outcome: 'success' };
    const result = await runWithinBudget(handler, message, { account, now: clock.now() }, budgetMs);
    if (result.status === 'failed') {
      logger.error({ err: result.error, appId: account.appId, kind: message.kind }, 'handler failed; answering success');
      return { xml: null, outcome: 'handler_error' };
    }
    if (result.status === 'late') {
      void result.later.then((reply) => reply && this.queueLateReply(account.appId, message, key, reply)).catch((err: unknown) => logger.error({ err }, 'late handler failed'));
      return { xml: null, outcome: 'deadline' };
    }
    if (!result.reply) return { xml: null, outcome: 'success' };
    return { xml: this.render(result.reply, message), reply: result.reply, outcome: 'reply' };
  }

  private render(reply: Reply, message: InboundMessage): string {
    const fitted = fitReplyTo(reply, message);
    if (fitted !== reply) this.deps.logger.warn({ kind: message.kind, max: maxNewsArticles(message) }, 'news reply cut to the articles WeChat allows here');
    return renderReply(fitted, { toUser: message.fromUserName, fromUser: message.toUserName, createTime: Math.floor(this.deps.clock.now().getTime() / 1000) });
  }

  private seal(xml: string, { account, cipher }: ResolvedAccount, req: WebhookRequest): string {
    // Echo the request's timestamp and nonce: WeChat accepts them, and the signature covers them.
    return encryptReply({ cipher: cipher!, token: account.token, replyXml: xml, timestamp: req.query.timestamp ?? '', nonce: req.query.nonce ?? '' });
  }

  private async queueLateReply(appId: string, message: InboundMessage, key: string, reply: Reply): Promise<void> {
    const now = this.deps.clock.now();
    await this.deps.pending.insert({ id: newMessageId(now.getTime()), appId, openid: message.fromUserName, inboundKey: key, reply, reason: 'deadline', createdAt: now.toISOString() });
    this.deps.logger.info({ appId, kind: message.kind }, 'reply missed the deadline; queued for the customer-service API');
  }
}

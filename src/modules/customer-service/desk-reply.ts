import { z } from 'zod';
import { invalid, parseOrThrow } from '../../shared/field-problems';
import type { CustomMessageLike } from '../auto-reply/follow-up';
import type { CannedReply } from './customer-service';

/** What an agent sends, as the thread records it. */
export interface AgentReplyInput {
  message: CustomMessageLike;
  kind: string;
  text: string;
}

// WeChat's customer-service text limit is not documented; 2048 characters is what clients display whole.
const replySchema = z.union([
  z.strictObject({ type: z.literal('text'), content: z.string().trim().min(1, 'must not be empty').max(2048, 'must be at most 2048 characters') }),
  z.strictObject({ type: z.enum(['image', 'voice']), mediaId: z.string().min(1, 'is required').max(128) }),
  z.strictObject({
    type: z.literal('news'),
    // One article: the customer-service API takes one since 2018 (45008 otherwise).
    article: z.strictObject({ title: z.string().min(1).max(64), url: z.url({ protocol: /^https?$/ }), description: z.string().max(120).optional(), picUrl: z.url({ protocol: /^https?$/ }).optional() }),
  }),
  z.strictObject({ canned: z.string().min(1, 'names a canned reply') }),
], { error: 'give {type:"text",content}, {type:"image"|"voice",mediaId}, {type:"news",article} or {canned:"<id>"}' });

/** The body of POST …/conversations/:id/reply, or a 400 naming what is wrong. */
export function parseAgentReply(input: unknown, canned: readonly CannedReply[]): AgentReplyInput {
  const reply = parseOrThrow(replySchema, input, 'the reply');
  if ('canned' in reply) {
    const found = canned.find((c) => c.id === reply.canned);
    if (!found) throw invalid('the reply', [{ field: 'canned', message: `is not one of the account's canned replies (${canned.map((c) => c.id).join(', ') || 'none yet'})` }]);
    return { message: { type: 'text', content: found.text }, kind: 'text', text: found.text };
  }
  switch (reply.type) {
    case 'text':
      return { message: { type: 'text', content: reply.content }, kind: 'text', text: reply.content };
    case 'image':
    case 'voice':
      return { message: { type: reply.type, mediaId: reply.mediaId }, kind: reply.type, text: `[${reply.type}] ${reply.mediaId}` };
    case 'news':
      return { message: { type: 'news', article: reply.article }, kind: 'news', text: `[news] ${reply.article.title} ${reply.article.url}` };
  }
}

import { QueryParams } from '../../shared/query-params';
import type { FollowerQuery } from './followers';

const MAX_LIMIT = 500;
const DEFAULT_LIMIT = 100;

type Params = Record<string, string | string[] | undefined>;

/** Turns the query string of `GET …/followers` into a FollowerQuery, reporting every bad parameter at once. */
export function parseFollowerQuery(appId: string, params: Params): FollowerQuery {
  const q = new QueryParams(params);
  const query: FollowerQuery = { appId, limit: q.whole('limit', 1, MAX_LIMIT) ?? DEFAULT_LIMIT };
  const subscribed = q.one('subscribed');
  if (subscribed === 'true' || subscribed === 'false') query.subscribed = subscribed === 'true';
  else if (subscribed !== undefined) q.problem('subscribed', 'true or false');
  const tagId = q.whole('tagId', 0, 0xffff_ffff);
  if (tagId !== undefined) query.tagId = tagId;
  const qrScene = q.one('qrScene');
  if (qrScene !== undefined) query.qrScene = qrScene;
  const cursor = q.one('cursor');
  if (cursor !== undefined) query.cursor = cursor;
  q.done('follower query');
  return query;
}

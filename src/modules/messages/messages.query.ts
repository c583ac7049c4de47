import { QueryParams } from '../../shared/query-params';
import type { MessageQuery } from './messages';

const MAX_LIMIT = 200;
const DEFAULT_LIMIT = 50;

type Params = Record<string, string | string[] | undefined>;

/** Turns the query string of `GET …/messages` into a MessageQuery, reporting every bad parameter at once. */
export function parseMessageQuery(appId: string, params: Params): MessageQuery {
  const q = new QueryParams(params);
  const query: MessageQuery = {
    appId,
    openid: q.one('openid'),
    type: q.one('type'),
    since: q.time('since'),
    until: q.time('until'),
    limit: q.whole('limit', 1, MAX_LIMIT) ?? DEFAULT_LIMIT,
    cursor: q.one('cursor'),
  };
  if (query.cursor !== undefined && !/^[0-9a-f]{24}[01]$/.test(query.cursor)) q.problem('cursor', 'use the nextCursor of a previous page');
  q.done('message query');
  return query;
}

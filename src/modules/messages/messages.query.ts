import { ValidationError } from '../../shared/errors';
import type { MessageQuery } from './messages';

const MAX_LIMIT = 200;
const DEFAULT_LIMIT = 50;

type Params = Record<string, string | string[] | undefined>;

/** Turns the query string of `GET …/messages` into a MessageQuery, reporting every bad parameter at once. */
export function parseMessageQuery(appId: string, params: Params): MessageQuery {
  const problems: { field: string; message: string }[] = [];
  const one = (name: string): string | undefined => {
    const v = params[name];
    if (Array.isArray(v)) {
      problems.push({ field: name, message: 'give it once' });
      return undefined;
    }
    return v === '' ? undefined : v;
  };
  const time = (name: string): string | undefined => {
    const v = one(name);
    if (v === undefined) return undefined;
    const ms = /^\d+$/.test(v) ? Number(v) * 1000 : Date.parse(v);
    if (Number.isNaN(ms)) {
      problems.push({ field: name, message: 'an ISO 8601 time or unix seconds' });
      return undefined;
    }
    return new Date(ms).toISOString();
  };
  let limit = DEFAULT_LIMIT;
  const rawLimit = one('limit');
  if (rawLimit !== undefined) {
    limit = Number(rawLimit);
    if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT) problems.push({ field: 'limit', message: `a whole number from 1 to ${MAX_LIMIT}` });
  }
  const query: MessageQuery = {
    appId,
    openid: one('openid'),
    type: one('type'),
    since: time('since'),
    until: time('until'),
    limit,
    cursor: one('cursor'),
  };
  if (query.cursor !== undefined && !/^[0-9a-f]{24}[01]$/.test(query.cursor)) problems.push({ field: 'cursor', message: 'use the nextCursor of a previous page' });
  if (problems.length > 0) throw new ValidationError('invalid message query', problems);
  return query;
}

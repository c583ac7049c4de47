import { Schema, type AnyBulkWriteOperation, type Connection, type Model } from 'mongoose';
import type { AutoReplyRule, AutoReplyRuleRepository } from '../../modules/auto-reply';
import { ConflictError } from '../../shared/errors';
import { aggregateSchemaOptions, isDuplicateKey, modelOn } from './documents';

/** A rule as stored: the rule whole, its id as the document's _id (unique across accounts, as in SQLite). */
interface RuleDoc {
  _id: string;
  appId: string;
  name: string;
  trigger: AutoReplyRule['trigger'];
  replies: AutoReplyRule['replies'];
  replyMode: AutoReplyRule['replyMode'];
  priority: number;
  enabled: boolean;
  activeWindows: AutoReplyRule['activeWindows'];
  cooldownMinutes: number;
  createdAt: string;
  updatedAt: string;
}

export const AUTO_REPLY_RULE_MODEL = 'AutoReplyRule';

export const autoReplyRuleSchema = new Schema<RuleDoc>(
  {
    _id: { type: String, required: true },
    appId: { type: String, required: true },
    name: { type: String, required: true },
    // Unions the service validated; kept as the domain shapes them (Mixed), as SQLite keeps the JSON.
    trigger: { type: Schema.Types.Mixed, required: true },
    replies: { type: Schema.Types.Mixed, required: true },
    replyMode: { type: String, required: true },
    priority: { type: Number, required: true },
    enabled: { type: Boolean, required: true },
    activeWindows: { type: Schema.Types.Mixed, required: true },
    cooldownMinutes: { type: Number, required: true },
    createdAt: { type: String, required: true },
    updatedAt: { type: String, required: true },
  },
  aggregateSchemaOptions('auto_reply_rules'),
);
// listByAccount: an account's rules oldest first, ids breaking ties (the engine's tie-break).
autoReplyRuleSchema.index({ appId: 1, createdAt: 1, _id: 1 });
// fingerprint: count and latest updatedAt of an account's rules, read from the index alone.
autoReplyRuleSchema.index({ appId: 1, updatedAt: 1 });

/**
 * Auto-reply rules in MongoDB. An upsert only ever replaces a rule of the same account: the filter
 * names the account, so another account's rule with that id makes the upsert insert a second _id,
 * which the _id index refuses (a conflict, never a silent move).
 */
export class MongoAutoReplyRuleRepository implements AutoReplyRuleRepository {
  private readonly model: Model<RuleDoc>;

  constructor(connection: Connection) {
    this.model = modelOn<RuleDoc>(connection, AUTO_REPLY_RULE_MODEL, autoReplyRuleSchema);
  }

  async listByAccount(appId: string): Promise<AutoReplyRule[]> {
    const docs = await this.model.find({ appId }).sort({ createdAt: 1, _id: 1 }).lean<RuleDoc[]>();
    return docs.map(fromDoc);
  }

  async get(appId: string, id: string): Promise<AutoReplyRule | null> {
    const doc = await this.model.findOne({ _id: id, appId }).lean<RuleDoc>();
    return doc ? fromDoc(doc) : null;
  }

  async save(rule: AutoReplyRule): Promise<void> {
    await this.write(() => rule.id, () => this.model.replaceOne({ _id: rule.id, appId: rule.appId }, toDoc(rule), { upsert: true }));
  }

  /**
   * Without transactions (a single mongod is no replica set), "all or nothing" is had by checking
   * every id for another account first and refusing before any write. Then the new rules are
   * upserted and only afterwards the account's other rules deleted, in one ordered bulk write, so a
   * reader meanwhile sees old and new rules together, never the account missing a rule it keeps. Only an id
   * taken by another account between the check and the write can still stop it halfway.
   */
  async replaceAll(appId: string, rules: AutoReplyRule[]): Promise<void> {
    const docs = rules.map((r) => toDoc({ ...r, appId }));
    const ids = docs.map((d) => d._id);
    const taken = await this.model.findOne({ _id: { $in: ids }, appId: { $ne: appId } }, { _id: 1 }).lean<{ _id: string }>();
    if (taken) throw conflict(taken._id);
    const ops: AnyBulkWriteOperation<RuleDoc>[] = docs.map((d) => ({
      replaceOne: { filter: { _id: d._id, appId }, replacement: d, upsert: true },
    }));
    ops.push({ deleteMany: { filter: { appId, _id: { $nin: ids } } } });
    // A refused op names its position in the batch, and so which id was taken.
    await this.write((index) => ids[index ?? 0] ?? '', () => this.model.bulkWrite(ops, { ordered: true }));
  }

  async remove(appId: string, id: string): Promise<boolean> {
    return (await this.model.deleteOne({ _id: id, appId })).deletedCount > 0;
  }

  /** `<count>|<latest updatedAt or ''>`: the very string SQLite answers, so both profiles agree. */
  async fingerprint(appId: string): Promise<string> {
    // One aggregate rather than a count and a find: both figures come from one pass over the rules.
    const [row] = await this.model.aggregate<{ n: number; latest: string | null }>([
      { $match: { appId } },
      { $group: { _id: null, n: { $sum: 1 }, latest: { $max: '$updatedAt' } } },
    ]);
    return `${row?.n ?? 0}|${row?.latest ?? ''}`;
  }

  /** Runs a write, turning the _id index's refusal into the domain's conflict. */
  private async write(idAt: (index?: number) => string, work: () => Promise<unknown>): Promise<void> {
    try {
      await work();
    } catch (err) {
      const writeErrors = (err as { writeErrors?: Array<{ code?: unknown; index?: number }> }).writeErrors ?? [];
      const refused = writeErrors.find(isDuplicateKey);
      if (refused || isDuplicateKey(err)) throw conflict(idAt(refused?.index));
      throw err;
    }
  }
}

function conflict(id: string): ConflictError {
  return new ConflictError(`the rule id ${id} is taken by another account`, { id });
}

/**
 * Through JSON first, as SQLite stores it, so both stores read back the same rule: an undefined
 * optional field is dropped (mongoose's casting drops it too, but the bare driver stores null).
 */
function toDoc(rule: AutoReplyRule): RuleDoc {
  const { id, ...rest } = JSON.parse(JSON.stringify(rule)) as AutoReplyRule;
  return { _id: id, ...rest };
}

function fromDoc(d: RuleDoc): AutoReplyRule {
  return {
    id: d._id,
    appId: d.appId,
    name: d.name,
    trigger: d.trigger,
    replies: d.replies,
    replyMode: d.replyMode,
    priority: d.priority,
    enabled: d.enabled,
    activeWindows: d.activeWindows,
    cooldownMinutes: d.cooldownMinutes,
    createdAt: d.createdAt,
    updatedAt: d.updatedAt,
  };
}

import { Schema, type Connection, type Model } from 'mongoose';
import type { DeskSettings } from '../../modules/customer-service/customer-service';
import type { DeskSettingsRepository } from '../../modules/customer-service/customer-service.ports';
import { aggregateSchemaOptions, modelOn, subSchema } from './documents';

/** An account's desk settings as stored: the appId is the _id. */
type DeskSettingsDoc = Omit<DeskSettings, 'appId'> & { _id: string };

export const DESK_SETTINGS_MODEL = 'DeskSettings';


/** No secondary index: settings are only ever read and written by appId (the _id). */
export const deskSettingsSchema = new Schema<DeskSettingsDoc>(
  {
    _id: { type: String, required: true },
    enabled: { type: Boolean, required: true },
    mode: { type: String, required: true },
    strategy: { type: String, required: true },
    skillGroups: { type: [subSchema({ name: String, keywords: [String], tagIds: [Number], menuKeys: [String] })], required: true },
    handoffKeywords: { type: [String], required: true },
    handoffReply: { type: String, default: null },
    slaMinutes: { type: Number, required: true },
    warnFraction: { type: Number, required: true },
    businessHours: { type: subSchema({ days: [Number], start: String, end: String }), default: null },
    closeAfterMinutes: { type: Number, required: true },
    notifyUrl: { type: String, default: null },
    notifySecret: { type: String, default: null },
    cannedReplies: { type: [subSchema({ id: String, title: String, text: String })], default: [] },
    updatedAt: { type: String, required: true },
  },
  aggregateSchemaOptions('desk_settings'),
);

/** Each account's desk settings in MongoDB: one document per account, replaced whole on save. */
export class MongoDeskSettingsRepository implements DeskSettingsRepository {
  private readonly model: Model<DeskSettingsDoc>;

  constructor(connection: Connection) {
    this.model = modelOn<DeskSettingsDoc>(connection, DESK_SETTINGS_MODEL, deskSettingsSchema);
  }

  async get(appId: string): Promise<DeskSettings | null> {
    const doc = await this.model.findById(appId).lean<DeskSettingsDoc>();
    return doc ? fromDoc(doc) : null;
  }

  async save(settings: DeskSettings): Promise<void> {
    const { appId, ...rest } = settings;
    await this.model.replaceOne({ _id: appId }, { _id: appId, ...rest }, { upsert: true });
  }
}

function fromDoc(d: DeskSettingsDoc): DeskSettings {
  return {
    appId: d._id,
    enabled: d.enabled,
    mode: d.mode,
    strategy: d.strategy,
    skillGroups: d.skillGroups.map((g) => ({ name: g.name, keywords: [...g.keywords], tagIds: [...g.tagIds], menuKeys: [...g.menuKeys] })),
    handoffKeywords: [...d.handoffKeywords],
    handoffReply: d.handoffReply ?? null,
    slaMinutes: d.slaMinutes,
    warnFraction: d.warnFraction,
    businessHours: d.businessHours ? { days: [...d.businessHours.days], start: d.businessHours.start, end: d.businessHours.end } : null,
    closeAfterMinutes: d.closeAfterMinutes,
    notifyUrl: d.notifyUrl ?? null,
    notifySecret: d.notifySecret ?? null,
    cannedReplies: (d.cannedReplies ?? []).map((c) => ({ id: c.id, title: c.title, text: c.text })),
    updatedAt: d.updatedAt,
  };
}

import { Schema, type Connection, type Model } from 'mongoose';
import type { MenuDraft, MenuDraftRepository, StoredMenuDraft } from '../../modules/menus';
import { aggregateSchemaOptions, modelOn } from './documents';

/** One draft per account: the appId is the document's _id. */
interface MenuDraftDoc {
  _id: string;
  draft: MenuDraft;
  publishedAt: string | null;
  updatedAt: string;
}

export const MENU_DRAFT_MODEL = 'MenuDraft';

/** No secondary index: the only query is by appId (the _id). */
export const menuDraftSchema = new Schema<MenuDraftDoc>(
  {
    _id: { type: String, required: true },
    // The service validated the draft before saving it; it is stored as the domain shapes it.
    draft: { type: Schema.Types.Mixed, required: true },
    publishedAt: { type: String, default: null },
    updatedAt: { type: String, required: true },
  },
  aggregateSchemaOptions('menu_drafts'),
);

/** Menu drafts in MongoDB: one document per account, replaced whole on each save. */
export class MongoMenuDraftRepository implements MenuDraftRepository {
  private readonly model: Model<MenuDraftDoc>;

  constructor(connection: Connection) {
    this.model = modelOn<MenuDraftDoc>(connection, MENU_DRAFT_MODEL, menuDraftSchema);
  }

  async get(appId: string): Promise<StoredMenuDraft | null> {
    const doc = await this.model.findById(appId).lean<MenuDraftDoc>();
    if (!doc) return null;
    return { appId: doc._id, draft: doc.draft, publishedAt: doc.publishedAt ?? null, updatedAt: doc.updatedAt };
  }

  async save(d: StoredMenuDraft): Promise<void> {
    // Through JSON, as SQLite stores it: an undefined optional field is dropped (the bare driver would store null).
    const draft = JSON.parse(JSON.stringify(d.draft)) as MenuDraft;
    await this.model.replaceOne({ _id: d.appId }, { _id: d.appId, draft, publishedAt: d.publishedAt, updatedAt: d.updatedAt }, { upsert: true });
  }
}

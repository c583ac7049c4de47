import { deskSettingsSchema } from '../../../../src/store/mongo/desk-settings.repo';

describe('deskSettingsSchema', () => {
  it('when the schema is read, then the appId is the _id, a string, and the collection is desk_settings', () => {
    expect(deskSettingsSchema.path('_id').instance).toBe('String');
    expect(deskSettingsSchema.path('appId')).toBeUndefined();
    expect(deskSettingsSchema.get('collection')).toBe('desk_settings');
  });

  it('when the indexes are read, then there is none beyond _id (settings are only read by appId)', () => {
    expect(deskSettingsSchema.indexes()).toEqual([]);
  });

  it('when a document carries a field the schema lacks, then it is refused, at the top and inside the embedded parts', () => {
    expect(deskSettingsSchema.get('strict')).toBe('throw');
    expect(deskSettingsSchema.get('versionKey')).toBe(false);
    const group = (deskSettingsSchema.path('skillGroups') as unknown as { schema: typeof deskSettingsSchema }).schema;
    const hours = (deskSettingsSchema.path('businessHours') as unknown as { schema: typeof deskSettingsSchema }).schema;
    expect([group.get('strict'), group.get('_id'), hours.get('strict'), hours.get('_id')]).toEqual(['throw', false, 'throw', false]);
  });
});

import { autoReplyRuleSchema } from '../../../../src/store/mongo/auto-reply-rules.repo';

describe('autoReplyRuleSchema', () => {
  it('when the schema is read, then the rule id is the _id, a string, in the auto_reply_rules collection', () => {
    expect(autoReplyRuleSchema.path('_id').instance).toBe('String');
    expect(autoReplyRuleSchema.path('id')).toBeUndefined();
    expect(autoReplyRuleSchema.get('collection')).toBe('auto_reply_rules');
    expect(autoReplyRuleSchema.get('strict')).toBe('throw');
    expect(autoReplyRuleSchema.get('versionKey')).toBe(false);
  });

  it('when the indexes are read, then listByAccount and fingerprint each have theirs, and neither is unique', () => {
    expect(autoReplyRuleSchema.indexes()).toEqual([
      [{ appId: 1, createdAt: 1, _id: 1 }, expect.not.objectContaining({ unique: true })],
      [{ appId: 1, updatedAt: 1 }, expect.not.objectContaining({ unique: true })],
    ]);
  });
});

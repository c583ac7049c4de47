import { agentSchema } from '../../../../src/store/mongo/agents.repo';

describe('agentSchema', () => {
  it('when the schema is read, then the agent id is the _id, a string, and the collection is agents', () => {
    expect(agentSchema.path('_id').instance).toBe('String');
    expect(agentSchema.path('id')).toBeUndefined();
    expect(agentSchema.get('collection')).toBe('agents');
    expect(agentSchema.get('strict')).toBe('throw');
    expect(agentSchema.get('versionKey')).toBe(false);
  });

  it('when the indexes are read, then listing an account’s agents has one', () => {
    expect(agentSchema.indexes().map(([key]) => key)).toEqual([{ appIds: 1, _id: 1 }]);
  });

  it('when the list fields are read, then appIds and skills are string arrays', () => {
    expect([agentSchema.path('appIds').instance, agentSchema.path('skills').instance]).toEqual(['Array', 'Array']);
  });
});

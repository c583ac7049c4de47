/** Schema version 10 (customer service: the WeChat interaction window per follower); see migrations.ts for the rules (append only, never edited once shipped). */
export const migration10 = {
  version: 10,
  name: 'customer service: the WeChat interaction window per follower',
  sql: `SELECT 1;`,
};

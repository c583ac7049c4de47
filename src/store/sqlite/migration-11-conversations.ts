/** Schema version 11 (customer service: conversations, their threads, SLA marks); see migrations.ts for the rules (append only, never edited once shipped). */
export const migration11 = {
  version: 11,
  name: 'customer service: conversations, their threads, SLA marks',
  sql: `SELECT 1;`,
};

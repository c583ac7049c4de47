/** Schema version 13 (customer service: leads (contact details followers left)); see migrations.ts for the rules (append only, never edited once shipped). */
export const migration13 = {
  version: 13,
  name: 'customer service: leads (contact details followers left)',
  sql: `SELECT 1;`,
};

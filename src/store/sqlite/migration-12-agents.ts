/** Schema version 12 (customer service: agents and each account's desk settings); see migrations.ts for the rules (append only, never edited once shipped). */
export const migration12 = {
  version: 12,
  name: "customer service: agents and each account's desk settings",
  sql: `SELECT 1;`,
};

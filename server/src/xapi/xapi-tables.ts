/** The LRS tables kept in plain SQL (JSONB, arrays, bytea): no entity describes them. */
export const XAPI_SQL_TABLES = [
  'xapi_statements',
  'xapi_attachments',
  'xapi_documents',
  'xapi_activities',
] as const;

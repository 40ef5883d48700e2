import type { Config } from 'drizzle-kit';

/** The shared store (PostgreSQL): its schema is derived from the local one (src/main/sync/store-schema.ts). */
export default {
  dialect: 'postgresql',
  schema: './src/main/sync/store-schema.ts',
  out: './migrations/pg',
  schemaFilter: ['cc'],
} satisfies Config;

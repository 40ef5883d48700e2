import type { Config } from 'drizzle-kit';

export default {
  dialect: 'sqlite',
  schema: './src/main/db/schema/index.ts',
  out: './migrations/sqlite',
} satisfies Config;

import { defineConfig } from 'drizzle-kit';

// Generation only diffs the schema against drizzle/meta; it needs no database connection.
export default defineConfig({
  dialect: 'postgresql',
  schema: './lib/db/schema/index.ts',
  out: './drizzle',
  strict: true,
});

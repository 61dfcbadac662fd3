import { applyMigrations } from './support/apply-migrations';
import { loadEnvFiles } from './support/load-env-files';

// `npm run db:migrate`: the deploy step (Vercel build command) and a manual tool.
loadEnvFiles(false);
const url = process.env.DATABASE_URL || undefined;
const mode = await applyMigrations(url);
console.log(
  `[tokdesk] migrations applied (${mode === 'embedded' ? 'embedded PGlite in .data/pglite' : 'PostgreSQL'})`,
);

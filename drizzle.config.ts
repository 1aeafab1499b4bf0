import { defineConfig } from 'drizzle-kit';

export default defineConfig({
  dialect: 'postgresql',
  schema: './src/db/schema.ts',
  out: './migrations',
  // Only `generate` needs this file; migrations are applied by `npm run db:migrate` (src/db/migrate-cli.ts),
  // which reads DATABASE_URL or falls back to the embedded database like the app does.
});

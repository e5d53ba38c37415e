import { defineConfig } from 'drizzle-kit';

// Generates forward-only SQL migrations from the schema files; never edit the output.
export default defineConfig({
  dialect: 'postgresql',
  schema: './src/server/db/schema/*.schema.ts',
  out: './src/server/db/migrations',
  casing: 'snake_case',
});

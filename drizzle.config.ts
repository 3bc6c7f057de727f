import { defineConfig } from "drizzle-kit";

// drizzle-kit only generates SQL from db/schema; migrations are applied by db/migrate.ts (both engines).
export default defineConfig({
  dialect: "postgresql",
  schema: "./db/schema/index.ts",
  out: "./db/migrations",
  entities: { roles: { provider: "" } },
});

import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

const config = [
  ...nextVitals,
  ...nextTs,
  { ignores: [".next/**", "node_modules/**", ".data/**", "next-env.d.ts", "test-results/**", "playwright-report/**"] },
  {
    // Pages and components reach data only through lib/ verbs and withTenant; never the unscoped handle.
    files: ["app/**", "components/**"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          paths: [
            { name: "@/db/system", message: "Il handle di sistema non si usa da app/ o components/." },
          ],
          patterns: [
            { group: ["drizzle-orm", "drizzle-orm/*"], message: "Usa i verbi in lib/, non drizzle, da app/." },
            { group: ["@/db/system", "**/db/system"], message: "Il handle di sistema non si usa da app/." },
          ],
        },
      ],
    },
  },
  {
    // One validated env module: nothing else reads process.env.
    files: ["**/*.ts", "**/*.tsx"],
    ignores: ["lib/env.ts", "instrumentation.ts", "playwright.config.ts", "vitest.config.ts", "tests/**", "scripts/**", "drizzle.config.ts"],
    rules: {
      "no-restricted-properties": [
        "error",
        { object: "process", property: "env", message: "Leggi la configurazione da lib/env.ts." },
      ],
    },
  },
];

export default config;

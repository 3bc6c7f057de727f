import { defineConfig, devices } from "@playwright/test";

/**
 * E2E against the production build (`npm run build` first), in Debian's Chromium (never a downloaded one).
 * The server gets a fresh embedded database seeded with the demo comuni, so runs are independent.
 */
const PORT = Number(process.env.E2E_PORT ?? 3100);
const ROOT = `localhost:${PORT}`;
const DATA_DIR = process.env.E2E_PGLITE_DIR ?? `.data/e2e-${PORT}`;
/** The Stripe stand-in (tests/fakes/stripe-server.ts) listens on the next port; Piazza's SDK points at it. */
const STRIPE_PORT = PORT + 1;
const STRIPE_WEBHOOK_SECRET = "whsec_e2e_piazza";
/** The Nominatim stand-in (tests/fakes/geocoder-server.ts) listens on the port after; the app geocodes through it. */
const GEOCODER_PORT = PORT + 2;

export default defineConfig({
  testDir: "tests/e2e",
  fullyParallel: false,
  workers: 1,
  retries: process.env.CI ? 1 : 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: process.env.CI ? [["list"]] : [["list"], ["html", { open: "never" }]],
  use: {
    baseURL: `http://${ROOT}`,
    locale: "it-IT",
    timezoneId: "Europe/Rome",
    trace: "retain-on-failure",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: [
        "--no-sandbox",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--disable-quic",
        // Custom domains of tenants resolve to this machine, as DNS would in production.
        "--host-resolver-rules=MAP segnalazioni.comune.fossano.cn.it 127.0.0.1",
      ],
    },
  },
  projects: [{ name: "chromium", use: { ...devices["Desktop Chrome"], locale: "it-IT" } }],
  webServer: [
    {
      command: "npx tsx tests/fakes/stripe-server.ts",
      url: `http://127.0.0.1:${STRIPE_PORT}/v1/health`,
      reuseExistingServer: false,
      stdout: "pipe",
      env: {
        STRIPE_STANDIN_PORT: String(STRIPE_PORT),
        STRIPE_WEBHOOK_SECRET,
        STRIPE_WEBHOOK_URL: `http://127.0.0.1:${PORT}/api/stripe/webhook`,
      },
    },
    {
      command: "npx tsx tests/fakes/geocoder-server.ts",
      url: `http://127.0.0.1:${GEOCODER_PORT}/status`,
      reuseExistingServer: false,
      stdout: "pipe",
      env: { GEOCODER_STANDIN_PORT: String(GEOCODER_PORT) },
    },
    {
      command: `rm -rf ${DATA_DIR} ${DATA_DIR}.lock && node scripts/serve.mjs -p ${PORT}`,
      url: `http://127.0.0.1:${PORT}/api/health`,
      timeout: 120_000,
      reuseExistingServer: false,
      stdout: "pipe",
      env: {
        PORT: String(PORT),
        ROOT_DOMAIN: ROOT,
        PGLITE_DIR: DATA_DIR,
        SEED_DEMO: "1",
        DATABASE_URL: "",
        AUTH_SECRET: "e2e-secret-e2e-secret-e2e-secret-e2e-secret",
        NODE_ENV: "production",
        MAP_STYLE_URL: "/map/offline-style.json",
        DEV_MAILBOX: "1",
        STRIPE_SECRET_KEY: "sk_test_e2e_piazza",
        STRIPE_WEBHOOK_SECRET,
        STRIPE_API_HOST: "127.0.0.1",
        STRIPE_API_PORT: String(STRIPE_PORT),
        STRIPE_API_PROTOCOL: "http",
        GEOCODER_URL: `http://127.0.0.1:${GEOCODER_PORT}`,
      },
    },
  ],
});

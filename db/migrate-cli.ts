import { openEngine } from "./engine";

// Migrations only: the demo seed is `npm run db:seed`.
const engine = await openEngine({ seedDemo: false });
console.log(`Migrazioni applicate (${engine.kind}).`);
await engine.close();

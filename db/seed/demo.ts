import type { Engine } from "../engine";
export async function seedDemoIfEmpty(_db: Engine["db"]): Promise<void> {}

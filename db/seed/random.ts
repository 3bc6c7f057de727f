/** Seeded randomness for the demo data: the same seed gives the same comuni on every run. */
export type Random = () => number;

/** Tiny seeded PRNG (mulberry32). */
export function mulberry32(seed: number): Random {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** FNV-1a, to derive one PRNG seed per comune from its slug. */
export function hashSeed(text: string): number {
  let h = 0x811c9dc5;
  for (const ch of text) h = Math.imul(h ^ ch.charCodeAt(0), 0x01000193);
  return h >>> 0;
}

export function uuidFrom(rand: Random): string {
  const hex = Array.from({ length: 32 }, () => Math.floor(rand() * 16).toString(16));
  hex[12] = "4";
  hex[16] = "89ab"[Math.floor(rand() * 4)]!;
  const s = hex.join("");
  return `${s.slice(0, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}-${s.slice(16, 20)}-${s.slice(20)}`;
}

export function pick<T>(rand: Random, items: readonly T[]): T {
  const item = items[Math.floor(rand() * items.length)];
  if (item === undefined) throw new Error("pick: lista vuota");
  return item;
}

export function pickWeighted<T>(
  rand: Random,
  items: readonly T[],
  weight: (item: T, index: number) => number,
): T {
  let r = rand() * items.reduce((sum, item, i) => sum + weight(item, i), 0);
  for (const [i, item] of items.entries()) {
    r -= weight(item, i);
    if (r < 0) return item;
  }
  return pick(rand, items);
}

export function between(rand: Random, min: number, max: number): number {
  return min + rand() * (max - min);
}

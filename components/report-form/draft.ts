import type { NearbyReport } from "@/lib/reports/find-nearby";

export type UploadedFile = {
  id: string;
  kind: "photo" | "document";
  thumbUrl: string | null;
  name: string;
  sizeBytes: number;
};

/** Everything the citizen typed or chose; kept in sessionStorage so a reload or a detour loses nothing. */
export type Draft = {
  categoryId: string | null;
  lat: number | null;
  lng: number | null;
  address: string;
  title: string;
  description: string;
  /** Answers to the category's extra questions, by question code. */
  answers: Record<string, string | boolean>;
  uploads: UploadedFile[];
  reporterName: string;
  reporterEmail: string;
  reporterPhone: string;
  privacyConsent: boolean;
  wantsPrivate: boolean;
};

export const EMPTY_DRAFT: Draft = {
  categoryId: null,
  lat: null,
  lng: null,
  address: "",
  title: "",
  description: "",
  answers: {},
  uploads: [],
  reporterName: "",
  reporterEmail: "",
  reporterPhone: "",
  privacyConsent: false,
  wantsPrivate: false,
};

export type FieldErrors = Record<string, string[]>;
export type Nearby = Omit<NearbyReport, "createdAt"> & { createdAt: Date | string };

const DRAFT_KEY = "piazza.segnala.draft";
const KEYS_KEY = "piazza.segnala.keys";

/**
 * The idempotency key is made once per form and reused by every retry or reload until the report is
 * filed: the server turns a repeated submit into the same report. The owner key proves to the server that
 * the uploads being attached were made by this browser.
 */
export function formKeys(): { idempotencyKey: string; ownerKey: string } {
  try {
    const saved = JSON.parse(sessionStorage.getItem(KEYS_KEY) ?? "null") as { idempotencyKey: string; ownerKey: string } | null;
    if (saved?.idempotencyKey && saved.ownerKey) return saved;
  } catch {
    // Corrupt or unavailable storage: make new keys.
  }
  const keys = { idempotencyKey: crypto.randomUUID(), ownerKey: `${crypto.randomUUID()}${crypto.randomUUID()}` };
  try {
    sessionStorage.setItem(KEYS_KEY, JSON.stringify(keys));
  } catch {
    // Private mode without storage: the keys still hold for this page's life.
  }
  return keys;
}

export function loadDraft(): Draft | null {
  try {
    const saved = JSON.parse(sessionStorage.getItem(DRAFT_KEY) ?? "null") as Partial<Draft> | null;
    return saved ? { ...EMPTY_DRAFT, ...saved } : null;
  } catch {
    return null;
  }
}

export function saveDraft(draft: Draft): void {
  try {
    sessionStorage.setItem(DRAFT_KEY, JSON.stringify(draft));
  } catch {
    // Storage full or unavailable: the form still works, it just won't survive a reload.
  }
}

export function clearDraft(): void {
  try {
    sessionStorage.removeItem(DRAFT_KEY);
    sessionStorage.removeItem(KEYS_KEY);
  } catch {
    // Nothing to clear.
  }
}

/** Which step shows a server field error (answers.<code> belong to the details step). */
export const FIELD_STEP: Record<string, number> = {
  categoryId: 0,
  position: 1,
  lat: 1,
  lng: 1,
  address: 1,
  title: 2,
  description: 2,
  photos: 2,
  uploadIds: 2,
  reporterName: 3,
  reporterEmail: 3,
  reporterPhone: 3,
  privacyConsent: 3,
};

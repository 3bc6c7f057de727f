"use client";

import { useRef, useState } from "react";
import { ACCEPTED_DOCUMENT_TYPES, ACCEPTED_PHOTO_TYPES, MAX_DOCUMENTS, MAX_PHOTOS, UPLOAD_MAX_BYTES } from "@/lib/uploads/limits";
import type { UploadedFile } from "./draft";
import { errorMessage, FieldError, type T } from "./fields";

type Pending = { key: string; name: string; progress: number; error: string | null };

type Props = {
  kind: "photo" | "document";
  uploads: UploadedFile[];
  onUploaded: (file: UploadedFile) => void;
  onRemove: (id: string) => void;
  onUploadingChange: (delta: number) => void;
  ownerKey: () => string;
  errors?: string[];
  t: T;
};

/** One file to /api/uploads with XMLHttpRequest, the only browser API that reports upload progress. */
function upload(file: File, ownerKey: string, onProgress: (p: number) => void): Promise<UploadedFile> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    const body = new FormData();
    body.append("file", file);
    body.append("ownerKey", ownerKey);
    xhr.open("POST", "/api/uploads");
    xhr.responseType = "json";
    xhr.upload.onprogress = (e) => e.lengthComputable && onProgress(Math.round((e.loaded / e.total) * 100));
    xhr.onload = () => {
      const res = xhr.response as ({ code?: string; message?: string } & Partial<UploadedFile> & { originalName?: string | null }) | null;
      if (xhr.status === 201 && res?.id) {
        resolve({ id: res.id, kind: res.kind!, thumbUrl: res.thumbUrl ?? null, name: res.originalName ?? file.name, sizeBytes: res.sizeBytes ?? file.size });
      } else reject(new Error(res?.message ?? ""));
    };
    xhr.onerror = () => reject(new Error(""));
    xhr.send(body);
  });
}

export function FileUploader({ kind, uploads, onUploaded, onRemove, onUploadingChange, ownerKey, errors, t }: Props) {
  const [pending, setPending] = useState<Pending[]>([]);
  const inputRef = useRef<HTMLInputElement>(null);
  const mine = uploads.filter((u) => u.kind === kind);
  const max = kind === "photo" ? MAX_PHOTOS : MAX_DOCUMENTS;
  const busy = pending.filter((p) => !p.error).length;
  const room = max - mine.length - busy;
  const id = `field-${kind === "photo" ? "photos" : "documents"}`;

  function setItem(key: string, patch: Partial<Pending>) {
    setPending((list) => list.map((p) => (p.key === key ? { ...p, ...patch } : p)));
  }

  function pick(files: FileList | null) {
    if (!files) return;
    const chosen = [...files];
    const accepted = chosen.slice(0, Math.max(0, room));
    const refused: Pending[] = chosen.slice(accepted.length).map((f) => ({ key: crypto.randomUUID(), name: f.name, progress: 0, error: t("errors.too_many_files_max", { max }) }));
    const items = accepted.map((f) => ({ file: f, item: { key: crypto.randomUUID(), name: f.name, progress: 0, error: f.size > UPLOAD_MAX_BYTES ? errorMessage(t, "file_too_large") : null } }));
    setPending((list) => [...list, ...items.map((i) => i.item), ...refused]);
    for (const { file, item } of items) {
      if (item.error) continue;
      // The request outlives this component if the citizen changes step: its callbacks still update the
      // draft (functional updates) and bring the parent's upload count back down.
      onUploadingChange(1);
      upload(file, ownerKey(), (progress) => setItem(item.key, { progress }))
        .then((done) => {
          onUploaded(done);
          setPending((list) => list.filter((p) => p.key !== item.key));
        })
        .catch((e: Error) => setItem(item.key, { error: e.message || errorMessage(t, "upload_failed") }))
        .finally(() => onUploadingChange(-1));
    }
    if (inputRef.current) inputRef.current.value = "";
  }

  return (
    <div className="space-y-2">
      <label htmlFor={id} className="block font-semibold">
        {t(kind === "photo" ? "photos" : "documents")}
      </label>
      <p id={`${id}-hint`} className="text-sm text-muted">
        {t(kind === "photo" ? "photosHint" : "documentsHint", { max })}
      </p>
      <input
        ref={inputRef}
        id={id}
        type="file"
        multiple
        accept={kind === "photo" ? ACCEPTED_PHOTO_TYPES : ACCEPTED_DOCUMENT_TYPES}
        disabled={room <= 0}
        onChange={(e) => pick(e.target.files)}
        aria-describedby={`${id}-hint${errors?.length ? ` ${id}-error` : ""}`}
        className="block w-full text-base file:mr-3 file:min-h-11 file:rounded-md file:border-2 file:border-brand file:bg-white file:px-4 file:font-semibold file:text-brand"
      />
      <FieldError id={id} errors={errors} t={t} />
      <ul className="grid grid-cols-2 gap-3 sm:grid-cols-3" aria-label={t(kind === "photo" ? "photosList" : "documentsList")}>
        {mine.map((u) => (
          <li key={u.id} className="rounded-md border border-gray-300 p-2" data-testid="uploaded-file">
            {u.thumbUrl ? (
              // eslint-disable-next-line @next/next/no-img-element -- a data: URL thumbnail made by the server
              <img src={u.thumbUrl} alt={t("photoAlt", { name: u.name })} className="h-28 w-full rounded object-cover" />
            ) : (
              <p className="break-all text-sm">{u.name}</p>
            )}
            <button type="button" onClick={() => onRemove(u.id)} className="mt-2 min-h-11 w-full rounded-md border border-gray-500 text-sm font-semibold">
              {t("remove")}
              <span className="sr-only"> {u.name}</span>
            </button>
          </li>
        ))}
        {pending.map((p) => (
          <li key={p.key} className="rounded-md border border-gray-300 p-2 text-sm">
            <p className="break-all">{p.name}</p>
            {p.error ? (
              <>
                <p role="alert" className="font-semibold text-red-800">
                  {p.error}
                </p>
                <button type="button" onClick={() => setPending((l) => l.filter((x) => x.key !== p.key))} className="mt-1 min-h-11 w-full rounded-md border border-gray-500 font-semibold">
                  {t("dismiss")}
                  <span className="sr-only"> {p.name}</span>
                </button>
              </>
            ) : (
              <>
                <label htmlFor={`progress-${p.key}`}>{t("uploading", { progress: p.progress })}</label>
                <progress id={`progress-${p.key}`} max={100} value={p.progress} className="w-full" />
              </>
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}

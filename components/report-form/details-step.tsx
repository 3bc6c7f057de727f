"use client";

import { useCallback } from "react";
import type { ExtraQuestion } from "@/db/schema/categories";
import type { UploadedFile } from "./draft";
import { describedBy, FieldError, INPUT, TextField, type StepProps } from "./fields";
import { ExtraQuestions } from "./extra-questions";
import { FileUploader } from "./file-uploader";
import { NearbyReports } from "./nearby-reports";

type Props = StepProps & {
  questions: ExtraQuestion[];
  descriptionMax: number;
  onUploadingChange: (update: (n: number) => number) => void;
  ownerKey: () => string;
};

export function DetailsStep({ draft, update, errors, t, descriptionMax, onUploadingChange, ownerKey, questions }: Props) {
  const length = draft.description.length;
  const changeUploading = useCallback((delta: number) => onUploadingChange((n) => Math.max(0, n + delta)), [onUploadingChange]);
  const fileProps = {
    uploads: draft.uploads,
    // Functional updates: several uploads may finish between two renders.
    onUploaded: (file: UploadedFile) => update((d) => ({ uploads: [...d.uploads, file] })),
    onRemove: (id: string) => update((d) => ({ uploads: d.uploads.filter((u) => u.id !== id) })),
    onUploadingChange: changeUploading,
    ownerKey,
    t,
  };
  return (
    <div className="space-y-5">
      {draft.categoryId && draft.lat != null && draft.lng != null && (
        <NearbyReports categoryId={draft.categoryId} lat={draft.lat} lng={draft.lng} />
      )}
      <TextField field="title" label={t("titleLabel")} hint={t("titleHint")} value={draft.title} onChange={(v) => update({ title: v })} errors={errors} t={t} maxLength={120} />
      <div>
        <label htmlFor="field-description" className="block font-semibold">
          {t("description")}
        </label>
        <p id="field-description-hint" className="text-sm text-muted">
          {t("descriptionHint", { max: descriptionMax })}
        </p>
        <textarea
          id="field-description"
          name="description"
          rows={6}
          value={draft.description}
          onChange={(e) => update({ description: e.target.value })}
          maxLength={descriptionMax}
          required
          aria-invalid={errors.description?.length ? true : undefined}
          aria-describedby={`${describedBy("field-description", errors, "description", true)} field-description-count`}
          className={INPUT}
        />
        <p id="field-description-count" className="text-sm text-muted">
          {t("charactersUsed", { used: length, max: descriptionMax })}
        </p>
        <FieldError id="field-description" errors={errors.description} t={t} />
      </div>
      <ExtraQuestions questions={questions} draft={draft} update={update} errors={errors} t={t} />
      <FileUploader kind="photo" errors={errors.photos ?? errors.uploadIds} {...fileProps} />
      <FileUploader kind="document" {...fileProps} />
    </div>
  );
}

"use client";

import { useEffect, useId, useRef, useState } from "react";
import type { AddressSearch as SearchAnswer, AddressSuggestion } from "@/lib/geocoding/search-address";
import type { FieldErrors } from "./draft";
import { FieldError, INPUT, type T } from "./fields";

type Props = {
  value: string;
  /** The citizen typed: free text (a landmark is fine) that also drives the search. */
  onType: (text: string) => void;
  onPick: (suggestion: AddressSuggestion) => void;
  errors: FieldErrors;
  t: T;
};

type Status = "idle" | "busy" | "done" | "failed" | "limited" | "picked";

const MIN_CHARS = 3;
const DEBOUNCE_MS = 300;

/**
 * The address field as an ARIA 1.2 combobox (list autocomplete): typing searches the comune's addresses
 * through /api/geocode, arrows move through the suggestions (aria-activedescendant, focus stays in the
 * field), Enter or a click picks one and moves the pin, Escape closes. Works without the map, so it is also
 * the screen-reader path to a position; every outcome is announced in a polite live region.
 */
export function AddressSearch({ value, onType, onPick, errors, t }: Props) {
  const id = "field-address";
  const listId = `${id}-listbox`;
  const optionId = useId();
  const [results, setResults] = useState<AddressSuggestion[]>([]);
  const [source, setSource] = useState<SearchAnswer["source"]>("geocoder");
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const [status, setStatus] = useState<Status>("idle");
  const [picked, setPicked] = useState<AddressSuggestion | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const inflight = useRef<AbortController | null>(null);

  useEffect(
    () => () => {
      if (timer.current) clearTimeout(timer.current);
      inflight.current?.abort();
    },
    [],
  );

  function search(text: string) {
    if (timer.current) clearTimeout(timer.current);
    inflight.current?.abort();
    if (text.trim().length < MIN_CHARS) {
      setOpen(false);
      setResults([]);
      setStatus("idle");
      return;
    }
    timer.current = setTimeout(async () => {
      const controller = new AbortController();
      inflight.current = controller;
      setStatus("busy");
      try {
        const res = await fetch(`/api/geocode?q=${encodeURIComponent(text.trim())}`, { signal: controller.signal });
        if (res.status === 429) {
          setOpen(false);
          return setStatus("limited");
        }
        if (!res.ok) throw new Error(String(res.status));
        const body = (await res.json()) as SearchAnswer;
        setResults(body.results);
        setSource(body.source);
        setActive(-1);
        setOpen(body.results.length > 0);
        setStatus("done");
      } catch {
        if (controller.signal.aborted) return;
        setOpen(false);
        setStatus("failed");
      }
    }, DEBOUNCE_MS);
  }

  function pick(suggestion: AddressSuggestion) {
    setOpen(false);
    setActive(-1);
    setPicked(suggestion);
    setStatus("picked");
    onPick(suggestion);
  }

  function onKeyDown(e: React.KeyboardEvent<HTMLInputElement>) {
    const n = results.length;
    if (e.key === "ArrowDown" || e.key === "ArrowUp") {
      if (!n) return;
      e.preventDefault();
      setOpen(true);
      const down = e.key === "ArrowDown";
      setActive((i) => (!open || i < 0 ? (down ? 0 : n - 1) : (i + (down ? 1 : n - 1)) % n));
    } else if (e.key === "Enter" && open && active >= 0 && results[active]) {
      e.preventDefault();
      pick(results[active]);
    } else if (e.key === "Escape" && open) {
      e.preventDefault();
      setOpen(false);
      setActive(-1);
    }
  }

  const message =
    status === "busy"
      ? t("addressSearching")
      : status === "done"
        ? t("addressResults", { count: results.length })
        : status === "failed"
          ? t("addressFailed")
          : status === "limited"
            ? t("errors.geocode_rate_limited")
            : status === "picked" && picked
              ? t("addressPlaced", { label: picked.approximate ? `${picked.label} (${t("addressApproximate")})` : picked.label })
              : "";
  const describedBy = [`${id}-hint`, `${id}-status`, errors.address?.length ? `${id}-error` : null].filter(Boolean).join(" ");

  return (
    <div className="relative">
      <label htmlFor={id} className="block font-semibold">
        {t("address")}
      </label>
      <p id={`${id}-hint`} className="text-sm text-muted">
        {t("addressHint")}
      </p>
      <input
        id={id}
        type="text"
        role="combobox"
        aria-autocomplete="list"
        aria-expanded={open}
        aria-controls={listId}
        aria-activedescendant={open && active >= 0 ? `${optionId}-${active}` : undefined}
        aria-describedby={describedBy}
        aria-invalid={errors.address?.length ? true : undefined}
        autoComplete="off"
        maxLength={300}
        value={value}
        onChange={(e) => {
          setPicked(null);
          onType(e.target.value);
          search(e.target.value);
        }}
        onKeyDown={onKeyDown}
        onBlur={() => setOpen(false)}
        className={INPUT}
      />
      <ul
        id={listId}
        role="listbox"
        aria-label={t("addressSuggestions")}
        hidden={!open}
        className="absolute z-20 mt-1 max-h-72 w-full overflow-auto rounded-md border border-gray-500 bg-white shadow-lg"
      >
        {results.map((r, i) => (
          <li
            key={`${r.label}-${i}`}
            id={`${optionId}-${i}`}
            role="option"
            aria-selected={i === active}
            // mousedown would blur the field and close the list before the click lands.
            onMouseDown={(e) => e.preventDefault()}
            onClick={() => pick(r)}
            className={`cursor-pointer px-3 py-2 ${i === active ? "bg-brand text-white" : "hover:bg-gray-100"}`}
          >
            {r.label}
            {r.approximate && <span className={`block text-sm ${i === active ? "text-white" : "text-muted"}`}>{t("addressApproximate")}</span>}
          </li>
        ))}
      </ul>
      <p id={`${id}-status`} role="status" className="mt-1 min-h-5 text-sm">
        {message}
      </p>
      {status === "done" && source === "streets" && results.length > 0 && <p className="text-sm text-muted">{t("addressStreetsNotice")}</p>}
      <FieldError id={id} errors={errors.address} t={t} />
    </div>
  );
}

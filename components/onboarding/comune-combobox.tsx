"use client";

import { useTranslations } from "next-intl";
import { useEffect, useId, useRef, useState } from "react";

export type ComuneOption = { istat: string; name: string; province: string; region: string; population: number | null };

/**
 * Accessible combobox (WAI-ARIA 1.2 pattern): a text input with role=combobox driving a listbox; arrows move
 * the active option, Enter picks it, Escape closes. Results come from /attiva/comuni.
 */
export function ComuneCombobox({ defaultLabel, defaultIstat, error, onPick }: { defaultLabel?: string; defaultIstat?: string; error?: string; onPick: (c: ComuneOption | null) => void }) {
  const t = useTranslations("onboarding");
  const id = useId();
  const [query, setQuery] = useState(defaultLabel ?? "");
  const [istat, setIstat] = useState(defaultIstat ?? "");
  const [options, setOptions] = useState<ComuneOption[]>([]);
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);

  useEffect(() => () => void (timer.current && clearTimeout(timer.current)), []);

  function search(value: string) {
    setQuery(value);
    setIstat("");
    onPick(null);
    if (timer.current) clearTimeout(timer.current);
    if (value.trim().length < 2) {
      setOptions([]);
      setOpen(false);
      return;
    }
    timer.current = setTimeout(async () => {
      const res = await fetch(`/attiva/comuni?q=${encodeURIComponent(value)}`);
      const list = (await res.json()) as ComuneOption[];
      setOptions(list);
      setOpen(true);
      setActive(list.length ? 0 : -1);
    }, 150);
  }

  function pick(c: ComuneOption) {
    const label = `${c.name} (${c.province})`;
    setQuery(label);
    setIstat(c.istat);
    setOpen(false);
    onPick(c);
  }

  return (
    <div className="relative">
      <label htmlFor={`${id}-input`} className="font-semibold">
        {t("comune")}
      </label>
      <p id={`${id}-hint`} className="text-sm text-muted">
        {t("comuneHint")}
      </p>
      <input
        id={`${id}-input`}
        name="comuneLabel"
        role="combobox"
        aria-expanded={open}
        aria-controls={`${id}-list`}
        aria-autocomplete="list"
        aria-activedescendant={open && active >= 0 ? `${id}-opt-${active}` : undefined}
        aria-describedby={`${id}-hint${error ? ` ${id}-error` : ""}`}
        aria-invalid={Boolean(error)}
        autoComplete="off"
        value={query}
        onChange={(e) => search(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === "ArrowDown" && options.length) {
            e.preventDefault();
            setOpen(true);
            setActive((a) => (a + 1) % options.length);
          } else if (e.key === "ArrowUp" && options.length) {
            e.preventDefault();
            setActive((a) => (a <= 0 ? options.length - 1 : a - 1));
          } else if (e.key === "Enter" && open && active >= 0) {
            e.preventDefault();
            pick(options[active]!);
          } else if (e.key === "Escape") {
            setOpen(false);
          }
        }}
        className="mt-1 block w-full rounded border border-gray-500 px-3 py-2 text-base"
      />
      <input type="hidden" name="istatCode" value={istat} />
      <ul id={`${id}-list`} role="listbox" aria-label={t("comuneResults")} hidden={!open} className="absolute z-10 mt-1 max-h-72 w-full overflow-auto rounded border border-gray-500 bg-white shadow">
        {options.length === 0 ? (
          <li role="option" aria-selected={false} aria-disabled className="px-3 py-2">
            {t("comuneNone")}
          </li>
        ) : (
          options.map((c, i) => (
            <li
              key={c.istat}
              id={`${id}-opt-${i}`}
              role="option"
              aria-selected={i === active}
              onMouseDown={(e) => e.preventDefault()}
              onClick={() => pick(c)}
              className={`cursor-pointer px-3 py-2 ${i === active ? "bg-blue-100" : ""}`}
            >
              <span className="font-semibold">{c.name}</span> ({c.province}) · {c.region}{c.population != null && <> · {t("inhabitants", { count: c.population })}</>}
            </li>
          ))
        )}
      </ul>
      {error ? (
        <p id={`${id}-error`} className="mt-1 font-semibold text-red-800">
          {error}
        </p>
      ) : null}
    </div>
  );
}

"use client";

import { useTranslations } from "next-intl";
import { useCallback, useEffect, useId, useRef, useState } from "react";
import { MapCanvas, type MapLibrary, type PiazzaMap } from "@/components/map/map-canvas";
import type { MapConfig } from "@/lib/maps/config";
import { FieldErrors, fieldClass, useField } from "./action-form";
import { locateDevice, type LocateState } from "@/components/map/locate-device";

type Props = {
  config: MapConfig;
  /** Where the map opens: the report's position, or the comune's centre for a new report. */
  start: { lat: number; lng: number };
  /** False for a new report: the pin sits at the comune's centre, but nothing is placed until someone moves it. */
  placed: boolean;
};

const round = (n: number) => Math.round(n * 1e6) / 1e6;
const parse = (text: string) => {
  const n = Number(text.trim().replace(",", "."));
  return text.trim() && Number.isFinite(n) ? n : null;
};

/**
 * The place of a report in a back-office form: drag the pin, tap the map or use the device's position
 * (an operator in the field); latitude and longitude stay as text fields for keyboard users and for
 * coordinates read out on the phone. All paths fill the same `lat`/`lng` form fields; with the fields left
 * empty nothing is placed (the server then decides).
 */
export function PinPicker({ config, start, placed: initiallyPlaced }: Props) {
  const t = useTranslations("backoffice.pin");
  const tf = useTranslations("reportForm");
  const id = useId();
  const latField = useField("lat", initiallyPlaced ? String(start.lat) : "");
  const lngField = useField("lng", initiallyPlaced ? String(start.lng) : "");
  const [latText, setLatText] = useState(latField.value ?? "");
  const [lngText, setLngText] = useState(lngField.value ?? "");
  const [locating, setLocating] = useState<LocateState>("idle");
  const markerRef = useRef<InstanceType<MapLibrary["Marker"]> | null>(null);
  const mapRef = useRef<PiazzaMap | null>(null);
  const lat = parse(latText);
  const lng = parse(lngText);
  const placed = lat !== null && lng !== null;
  const errors = [...(latField.errors ?? []), ...(lngField.errors ?? [])];

  const place = useCallback((newLat: number, newLng: number) => {
    setLatText(String(round(newLat)));
    setLngText(String(round(newLng)));
  }, []);

  useEffect(() => {
    const marker = markerRef.current;
    if (!marker) return;
    if (placed) marker.setLngLat([lng, lat]);
    marker.getElement().style.opacity = placed ? "1" : "0.55";
  }, [lat, lng, placed]);

  const onReady = useCallback(
    (m: PiazzaMap, lib: MapLibrary) => {
      mapRef.current = m;
      const marker = new lib.Marker({ draggable: true, color: "#b3261e" }).setLngLat([start.lng, start.lat]).addTo(m);
      marker.getElement().setAttribute("aria-label", tf("pinLabel"));
      marker.getElement().style.opacity = initiallyPlaced ? "1" : "0.55";
      marker.on("dragend", () => {
        const p = marker.getLngLat();
        place(p.lat, p.lng);
      });
      const onClick = (e: { lngLat: { lat: number; lng: number } }) => {
        marker.setLngLat([e.lngLat.lng, e.lngLat.lat]);
        place(e.lngLat.lat, e.lngLat.lng);
      };
      m.on("click", onClick);
      markerRef.current = marker;
      return () => {
        m.off("click", onClick);
        markerRef.current = null;
        mapRef.current = null;
      };
    },
    [start.lat, start.lng, initiallyPlaced, place, tf],
  );

  function locateMe() {
    locateDevice(setLocating, (lat, lng) => {
      place(lat, lng);
      mapRef.current?.flyTo({ center: [lng, lat], zoom: 17 });
    });
  }

  const describedBy = [`${id}-state`, errors.length ? `${id}-error` : null].filter(Boolean).join(" ");
  return (
    <fieldset className="space-y-3" data-testid="pin-picker" data-placed={placed ? "true" : "false"}>
      <legend className="font-semibold">{t("legend")}</legend>
      <p id={`${id}-state`} role="status" className={placed ? "text-sm" : "rounded border-l-4 border-amber-700 bg-amber-50 p-2 text-sm font-semibold"}>
        {placed ? t("placed", { lat: String(lat), lng: String(lng) }) : t("notPlaced")}
      </p>
      <MapCanvas config={config} center={start} zoom={initiallyPlaced ? 17 : 14} label={tf("mapLabel")} className="h-64 w-full rounded-md sm:h-80" onReady={onReady} />
      <div className="flex flex-wrap gap-3">
        <button type="button" onClick={locateMe} disabled={locating === "busy"} className="inline-flex min-h-11 items-center rounded border border-gray-600 bg-white px-4 py-2 font-semibold">
          {locating === "busy" ? tf("locating") : tf("useMyPosition")}
        </button>
      </div>
      {locating === "denied" || locating === "unavailable" ? (
        <p role="status" className="text-red-800">{tf(locating === "denied" ? "locationDenied" : "locationUnavailable")}</p>
      ) : null}
      <div className="grid gap-3 sm:grid-cols-2">
        {(
          [
            ["lat", t("lat"), latText, setLatText],
            ["lng", t("lng"), lngText, setLngText],
          ] as const
        ).map(([name, label, text, setText]) => (
          <div key={name}>
            <label htmlFor={`${id}-${name}`} className="block font-semibold">
              {label}
            </label>
            <input
              id={`${id}-${name}`}
              name={name}
              type="text"
              inputMode="decimal"
              autoComplete="off"
              value={text}
              onChange={(e) => setText(e.target.value)}
              aria-invalid={errors.length ? true : undefined}
              aria-describedby={describedBy}
              className={fieldClass}
            />
          </div>
        ))}
      </div>
      <FieldErrors id={`${id}-error`} errors={errors.length ? errors : undefined} />
    </fieldset>
  );
}

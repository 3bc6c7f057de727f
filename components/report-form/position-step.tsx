"use client";

import { useEffect, useRef, useState } from "react";
import { MapCanvas, type MapLibrary, type PiazzaMap } from "@/components/map/map-canvas";
import type { Polygon } from "@/lib/geo/polygon";
import type { MapConfig } from "@/lib/maps/config";
import type { KnownStreet } from "@/lib/reports/list-known-streets";
import { BTN_SECONDARY, describedBy, FieldError, INPUT, TextField, type StepProps } from "./fields";

type Props = StepProps & {
  map: MapConfig;
  centre: { lat: number; lng: number };
  boundary: Polygon | null;
  streets: KnownStreet[];
};

const round = (n: number) => Math.round(n * 1e6) / 1e6;
const parseCoordinate = (text: string) => {
  const n = Number(text.trim().replace(",", "."));
  return text.trim() && Number.isFinite(n) ? n : null;
};

/**
 * Where the problem is: drag the pin, tap the map, use the device's position, or — without the map — pick
 * a street already known from other reports, or type coordinates. Every path writes the same lat/lng.
 */
export function PositionStep({ draft, update, errors, t, map, centre, boundary, streets }: Props) {
  const markerRef = useRef<InstanceType<MapLibrary["Marker"]> | null>(null);
  const mapRef = useRef<PiazzaMap | null>(null);
  const [latText, setLatText] = useState(String(draft.lat ?? centre.lat));
  const [lngText, setLngText] = useState(String(draft.lng ?? centre.lng));
  const [locating, setLocating] = useState<"idle" | "busy" | "denied" | "unavailable">("idle");
  const lat = draft.lat ?? centre.lat;
  const lng = draft.lng ?? centre.lng;

  useEffect(() => {
    // The pin starts at the comune's centre: a valid position the citizen then refines.
    if (draft.lat == null || draft.lng == null) update({ lat: centre.lat, lng: centre.lng });
  }, [draft.lat, draft.lng, centre, update]);

  useEffect(() => {
    markerRef.current?.setLngLat([lng, lat]);
  }, [lat, lng]);

  function place(newLat: number, newLng: number, fromFields = false) {
    const p = { lat: round(newLat), lng: round(newLng) };
    update(p);
    if (!fromFields) {
      setLatText(String(p.lat));
      setLngText(String(p.lng));
    }
  }

  function onReady(m: PiazzaMap, lib: MapLibrary) {
    mapRef.current = m;
    if (boundary) {
      m.addSource("boundary", { type: "geojson", data: { type: "Feature", properties: {}, geometry: boundary } });
      m.addLayer({ id: "boundary", type: "line", source: "boundary", paint: { "line-color": "#b3261e", "line-width": 3, "line-dasharray": [2, 1] } });
    }
    const marker = new lib.Marker({ draggable: true, color: "#b3261e" }).setLngLat([lng, lat]).addTo(m);
    marker.getElement().setAttribute("aria-label", t("pinLabel"));
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
  }

  function locateMe() {
    if (!("geolocation" in navigator)) return setLocating("unavailable");
    setLocating("busy");
    navigator.geolocation.getCurrentPosition(
      (pos) => {
        setLocating("idle");
        place(pos.coords.latitude, pos.coords.longitude);
        mapRef.current?.flyTo({ center: [pos.coords.longitude, pos.coords.latitude], zoom: 17 });
      },
      (err) => setLocating(err.code === err.PERMISSION_DENIED ? "denied" : "unavailable"),
      { enableHighAccuracy: true, timeout: 15000, maximumAge: 60000 },
    );
  }

  function pinAtMapCentre() {
    const c = mapRef.current?.getCenter();
    if (c) place(c.lat, c.lng);
  }

  function pickStreet(name: string) {
    const street = streets.find((s) => s.name === name);
    if (!street) return;
    place(street.lat, street.lng);
    update({ address: street.name });
    mapRef.current?.flyTo({ center: [street.lng, street.lat], zoom: 17 });
  }

  const positionError = errors.position?.length ? errors.position : errors.lat ?? errors.lng;
  return (
    <div className="space-y-4">
      <p id="position-hint">{t("positionHint")}</p>
      <div id="field-position" tabIndex={-1}>
        <MapCanvas config={map} center={{ lat, lng }} zoom={15} label={t("mapLabel")} className="h-72 w-full rounded-md sm:h-96" onReady={onReady} />
      </div>
      <FieldError id="field-position" errors={positionError} t={t} />
      <div className="flex flex-wrap gap-3">
        <button type="button" onClick={locateMe} className={BTN_SECONDARY} disabled={locating === "busy"}>
          {locating === "busy" ? t("locating") : t("useMyPosition")}
        </button>
        <button type="button" onClick={pinAtMapCentre} className={BTN_SECONDARY}>
          {t("pinAtMapCentre")}
        </button>
      </div>
      {(locating === "denied" || locating === "unavailable") && (
        <p role="status" className="text-red-800">
          {t(locating === "denied" ? "locationDenied" : "locationUnavailable")}
        </p>
      )}

      <TextField field="address" label={t("address")} hint={t("addressHint")} value={draft.address} onChange={(v) => update({ address: v })} errors={errors} t={t} autoComplete="street-address" maxLength={300} />

      <fieldset className="space-y-3 rounded-md border border-gray-300 p-3">
        <legend className="px-1 font-semibold">{t("noMapTitle")}</legend>
        <p className="text-sm text-muted">{t("noMapHint")}</p>
        {streets.length > 0 && (
          <div>
            <label htmlFor="field-street" className="block font-semibold">
              {t("streetPick")}
            </label>
            <select id="field-street" className={INPUT} defaultValue="" onChange={(e) => pickStreet(e.target.value)} aria-describedby="field-street-hint">
              <option value="">{t("streetPickNone")}</option>
              {streets.map((s) => (
                <option key={s.name} value={s.name}>
                  {s.name}
                </option>
              ))}
            </select>
            <p id="field-street-hint" className="text-sm text-muted">
              {t("streetPickHint")}
            </p>
          </div>
        )}
        <div className="grid gap-3 sm:grid-cols-2">
          {(
            [
              ["lat", t("latitude"), latText, setLatText],
              ["lng", t("longitude"), lngText, setLngText],
            ] as const
          ).map(([field, label, text, setText]) => (
            <div key={field}>
              <label htmlFor={`field-${field}`} className="block font-semibold">
                {label}
              </label>
              <input
                id={`field-${field}`}
                type="text"
                inputMode="decimal"
                value={text}
                onChange={(e) => {
                  setText(e.target.value);
                  const n = parseCoordinate(e.target.value);
                  if (n != null) place(field === "lat" ? n : lat, field === "lng" ? n : lng, true);
                }}
                aria-invalid={positionError?.length ? true : undefined}
                aria-describedby={describedBy("field-position", errors, "position")}
                className={INPUT}
              />
            </div>
          ))}
        </div>
      </fieldset>
    </div>
  );
}

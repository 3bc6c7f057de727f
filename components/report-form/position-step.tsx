"use client";

import { useEffect, useRef, useState } from "react";
import { MapCanvas, type MapLibrary, type PiazzaMap } from "@/components/map/map-canvas";
import type { Boundary } from "@/lib/geo/polygon";
import type { MapConfig } from "@/lib/maps/config";
import type { AddressSuggestion } from "@/lib/geocoding/search-address";
import { AddressSearch } from "./address-search";
import { BTN_SECONDARY, describedBy, FieldError, INPUT, type StepProps } from "./fields";
import { locateDevice, type LocateState } from "@/components/map/locate-device";

type Props = StepProps & {
  map: MapConfig;
  centre: { lat: number; lng: number };
  boundary: Boundary | null;
};

const round = (n: number) => Math.round(n * 1e6) / 1e6;
const parseCoordinate = (text: string) => {
  const n = Number(text.trim().replace(",", "."));
  return text.trim() && Number.isFinite(n) ? n : null;
};

/** Waits this long after the pin stops before asking for its address. */
const REVERSE_DELAY_MS = 600;

/**
 * Where the problem is: drag the pin, tap the map, use the device's position, search an address (which
 * moves the pin; it also works without the map), or type coordinates. Every path writes the same lat/lng.
 * When the pin moves, its address fills the address field unless the citizen wrote their own there.
 */
export function PositionStep({ draft, update, errors, t, map, centre, boundary }: Props) {
  const markerRef = useRef<InstanceType<MapLibrary["Marker"]> | null>(null);
  /** The citizen wrote the address themselves: a moving pin must not overwrite it. */
  const addressWritten = useRef(draft.address.trim() !== "");
  const reverseTimer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const mapRef = useRef<PiazzaMap | null>(null);
  const [latText, setLatText] = useState(String(draft.lat ?? centre.lat));
  const [lngText, setLngText] = useState(String(draft.lng ?? centre.lng));
  const [locating, setLocating] = useState<LocateState>("idle");
  const lat = draft.lat ?? centre.lat;
  const lng = draft.lng ?? centre.lng;

  useEffect(() => {
    // The pin starts at the comune's centre: a valid position the citizen then refines.
    if (draft.lat == null || draft.lng == null) update({ lat: centre.lat, lng: centre.lng });
  }, [draft.lat, draft.lng, centre, update]);

  useEffect(() => {
    if (markerRef.current) moveMarker(markerRef.current, lat, lng);
  }, [lat, lng]);

  useEffect(
    () => () => {
      if (reverseTimer.current) clearTimeout(reverseTimer.current);
    },
    [],
  );

  function place(newLat: number, newLng: number, options: { fromFields?: boolean; lookUpAddress?: boolean } = {}) {
    const p = { lat: round(newLat), lng: round(newLng) };
    update(p);
    if (!options.fromFields) {
      setLatText(String(p.lat));
      setLngText(String(p.lng));
    }
    if (options.lookUpAddress !== false) fillAddressLater(p.lat, p.lng);
  }

  /** The address under the pin, when a geocoder knows it; never over what the citizen wrote. */
  function fillAddressLater(pinLat: number, pinLng: number) {
    if (reverseTimer.current) clearTimeout(reverseTimer.current);
    if (addressWritten.current) return;
    reverseTimer.current = setTimeout(async () => {
      try {
        const res = await fetch(`/api/geocode?lat=${pinLat}&lng=${pinLng}`);
        if (!res.ok) return;
        const body = (await res.json()) as { result: { label: string } | null };
        if (body.result && !addressWritten.current) update({ address: body.result.label });
      } catch {
        // The address label is a convenience: without it the citizen can still write one.
      }
    }, REVERSE_DELAY_MS);
  }

  function pickAddress(s: AddressSuggestion) {
    addressWritten.current = false;
    if (reverseTimer.current) clearTimeout(reverseTimer.current);
    place(s.lat, s.lng, { lookUpAddress: false });
    update({ address: s.label });
    mapRef.current?.flyTo({ center: [s.lng, s.lat], zoom: s.approximate ? 16 : 18 });
  }

  function onReady(m: PiazzaMap, lib: MapLibrary) {
    mapRef.current = m;
    if (boundary) {
      m.addSource("boundary", { type: "geojson", data: { type: "Feature", properties: {}, geometry: boundary } });
      m.addLayer({ id: "boundary", type: "line", source: "boundary", paint: { "line-color": "#b3261e", "line-width": 3, "line-dasharray": [2, 1] } });
    }
    const marker = moveMarker(new lib.Marker({ draggable: true, color: "#b3261e" }), lat, lng).addTo(m);
    marker.getElement().setAttribute("aria-label", t("pinLabel"));
    marker.on("dragend", () => {
      const p = marker.getLngLat();
      place(p.lat, p.lng);
    });
    const onClick = (e: { lngLat: { lat: number; lng: number } }) => {
      moveMarker(marker, e.lngLat.lat, e.lngLat.lng);
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
    locateDevice(setLocating, (lat, lng) => {
      place(lat, lng);
      mapRef.current?.flyTo({ center: [lng, lat], zoom: 17 });
    });
  }

  function pinAtMapCentre() {
    const c = mapRef.current?.getCenter();
    if (c) place(c.lat, c.lng);
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

      <AddressSearch
        value={draft.address}
        onType={(text) => {
          addressWritten.current = text.trim() !== "";
          update({ address: text });
        }}
        onPick={pickAddress}
        errors={errors}
        t={t}
      />

      <fieldset className="space-y-3 rounded-md border border-gray-300 p-3">
        <legend className="px-1 font-semibold">{t("noMapTitle")}</legend>
        <p className="text-sm text-muted">{t("noMapHint")}</p>
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
                  if (n != null) place(field === "lat" ? n : lat, field === "lng" ? n : lng, { fromFields: true });
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

/** Moves the pin and mirrors its position on the element (data-lat/lng), where tests and tools can read it. */
function moveMarker<M extends InstanceType<MapLibrary["Marker"]>>(marker: M, lat: number, lng: number): M {
  marker.setLngLat([lng, lat]);
  const el = marker.getElement();
  el.dataset.lat = String(lat);
  el.dataset.lng = String(lng);
  return marker;
}

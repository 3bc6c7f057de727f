"use client";

import { useTranslations } from "next-intl";
import { useCallback, useEffect, useId, useRef, useState } from "react";
import { saveAreaAction } from "@/app/actions/settings";
import { MapCanvas, type MapLibrary, type PiazzaMap } from "@/components/map/map-canvas";
import { buttonClass, FormStatus, inputClass, secondaryButtonClass, useFormAction, useMessage } from "@/components/settings/form-kit";
import type { Boundary } from "@/lib/geo/polygon";
import type { MapConfig } from "@/lib/maps/config";

type Props = {
  map: MapConfig;
  boundary: Boundary | null;
  centre: { lat: number; lng: number };
};

const round = (n: number) => Math.round(n * 1e6) / 1e6;
const closed = (ring: number[][]) => (ring.length >= 3 ? [...ring, ring[0]!] : ring);
const toText = (b: Boundary | null) => (b ? JSON.stringify(b) : "");

/** The editable ring of a single polygon (without its closing point); a MultiPolygon is edited as text. */
function verticesOf(b: Boundary | null): number[][] {
  if (!b || b.type !== "Polygon") return [];
  const ring = b.coordinates[0] ?? [];
  return ring.slice(0, Math.max(0, ring.length - 1));
}

function emptyCollection() {
  return { type: "FeatureCollection" as const, features: [] as GeoJSON.Feature[] };
}

/**
 * The comune's area on a map: each click adds a corner of the boundary, the red pin (the map's centre,
 * usually the town hall) is dragged into place. The GeoJSON box and the two coordinate fields are the same
 * data without a map — for keyboard and screen-reader users, or to paste an official boundary (ISTAT).
 * Saving goes through updateArea (checks, audit); the map is only an input device.
 */
export function AreaEditor({ map, boundary, centre: initialCentre }: Props) {
  const t = useTranslations("welcome.area");
  const ts = useTranslations("settings");
  const msg = useMessage();
  const [state, action, pending] = useFormAction(saveAreaAction);
  const [vertices, setVertices] = useState<number[][]>(() => verticesOf(boundary));
  const [text, setText] = useState(() => toText(boundary));
  const [centre, setCentre] = useState(initialCentre);
  const [drawing, setDrawing] = useState(false);
  const mapRef = useRef<PiazzaMap | null>(null);
  const markerRef = useRef<InstanceType<MapLibrary["Marker"]> | null>(null);
  const drawingRef = useRef(drawing);
  const textId = useId();
  const errors = state.fieldErrors?.geojson;

  useEffect(() => {
    drawingRef.current = drawing;
  }, [drawing]);

  const polygonFromVertices = useCallback((v: number[][]): Boundary | null => (v.length >= 3 ? { type: "Polygon", coordinates: [closed(v)] } : null), []);

  /** Redraws the area from the text box (the single source of truth that is submitted). */
  const redraw = useCallback((value: string, points: number[][]) => {
    const m = mapRef.current;
    if (!m) return;
    const area = m.getSource("area") as { setData: (d: unknown) => void } | undefined;
    const corners = m.getSource("corners") as { setData: (d: unknown) => void } | undefined;
    let geometry: unknown = null;
    try {
      const parsed = value ? (JSON.parse(value) as { type?: string; geometry?: unknown }) : null;
      geometry = parsed?.type === "Feature" ? parsed.geometry : parsed;
    } catch {
      geometry = null;
    }
    area?.setData(geometry ? { type: "Feature", properties: {}, geometry } : emptyCollection());
    corners?.setData({
      type: "FeatureCollection",
      features: points.map((p) => ({ type: "Feature", properties: {}, geometry: { type: "Point", coordinates: p } })),
    });
  }, []);

  useEffect(() => redraw(text, vertices), [text, vertices, redraw]);

  useEffect(() => {
    // While a coordinate is being typed it may be empty or out of range: the pin waits for a real position.
    if (Math.abs(centre.lat) <= 90 && Math.abs(centre.lng) <= 180 && centre.lat !== 0) markerRef.current?.setLngLat([centre.lng, centre.lat]);
  }, [centre]);

  function updateVertices(next: number[][]) {
    setVertices(next);
    const polygon = polygonFromVertices(next);
    setText(polygon ? JSON.stringify(polygon) : "");
  }

  const onReady = useCallback(
    (m: PiazzaMap, lib: MapLibrary) => {
      mapRef.current = m;
      m.addSource("area", { type: "geojson", data: emptyCollection() });
      m.addLayer({ id: "area-fill", type: "fill", source: "area", paint: { "fill-color": "#0b5394", "fill-opacity": 0.15 } });
      m.addLayer({ id: "area-line", type: "line", source: "area", paint: { "line-color": "#0b5394", "line-width": 3 } });
      m.addSource("corners", { type: "geojson", data: emptyCollection() });
      m.addLayer({ id: "corners", type: "circle", source: "corners", paint: { "circle-radius": 5, "circle-color": "#ffffff", "circle-stroke-color": "#0b5394", "circle-stroke-width": 2 } });
      const marker = new lib.Marker({ color: "#b3261e", draggable: true }).setLngLat([initialCentre.lng, initialCentre.lat]).addTo(m);
      marker.on("dragend", () => {
        const p = marker.getLngLat();
        setCentre({ lat: round(p.lat), lng: round(p.lng) });
      });
      markerRef.current = marker;
      const onClick = (e: { lngLat: { lng: number; lat: number } }) => {
        if (!drawingRef.current) return;
        setVertices((v) => {
          const next = [...v, [round(e.lngLat.lng), round(e.lngLat.lat)]];
          const polygon = next.length >= 3 ? { type: "Polygon", coordinates: [closed(next)] } : null;
          setText(polygon ? JSON.stringify(polygon) : "");
          return next;
        });
      };
      m.on("click", onClick);
      if (boundary) {
        const ring = boundary.type === "Polygon" ? boundary.coordinates[0]! : boundary.coordinates.flatMap((p) => p[0]!);
        const bounds = ring.reduce((b, p) => b.extend([p[0]!, p[1]!]), new lib.LngLatBounds([ring[0]![0]!, ring[0]![1]!], [ring[0]![0]!, ring[0]![1]!]));
        m.fitBounds(bounds, { padding: 24, duration: 0 });
      }
      redraw(toText(boundary), verticesOf(boundary));
      return () => {
        m.off("click", onClick);
        marker.remove();
      };
    },
    // The map is set up once; later changes go through the sources and the marker.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [],
  );

  return (
    <form action={action} className="space-y-4">
      <p>{t("howTo")}</p>
      <div className="flex flex-wrap gap-2">
        <button type="button" className={drawing ? buttonClass : secondaryButtonClass} aria-pressed={drawing} onClick={() => setDrawing((d) => !d)}>
          {drawing ? t("stopDrawing") : t("startDrawing")}
        </button>
        <button type="button" className={secondaryButtonClass} onClick={() => updateVertices([])} disabled={!vertices.length && !text}>
          {t("clear")}
        </button>
        <button type="button" className={secondaryButtonClass} onClick={() => updateVertices(vertices.slice(0, -1))} disabled={!vertices.length}>
          {t("undo")}
        </button>
      </div>
      <p aria-live="polite" className="text-sm text-muted">
        {drawing ? t("drawingStatus", { count: vertices.length }) : t("centreHint")}
      </p>
      <MapCanvas config={map} center={initialCentre} zoom={12} label={t("mapLabel")} className="h-80 w-full rounded-md sm:h-[28rem]" onReady={onReady} />
      <fieldset className="grid gap-3 sm:grid-cols-2">
        <legend className="font-semibold">{t("centre")}</legend>
        <label className="block">
          <span>{t("lat")}</span>
          <input name="centreLat" type="number" step="any" inputMode="decimal" className={inputClass} value={centre.lat} onChange={(e) => setCentre((c) => ({ ...c, lat: Number(e.target.value) }))} />
        </label>
        <label className="block">
          <span>{t("lng")}</span>
          <input name="centreLng" type="number" step="any" inputMode="decimal" className={inputClass} value={centre.lng} onChange={(e) => setCentre((c) => ({ ...c, lng: Number(e.target.value) }))} />
        </label>
      </fieldset>
      <div>
        <label htmlFor={textId} className="block font-semibold">
          {ts("area.geojson")}
        </label>
        <p id={`${textId}-hint`} className="text-sm text-muted">
          {ts("area.geojsonHint")}
        </p>
        <textarea
          id={textId}
          name="geojson"
          rows={6}
          required
          className={`${inputClass} font-mono text-sm`}
          value={text}
          onChange={(e) => {
            setText(e.target.value);
            setVertices([]);
          }}
          aria-invalid={errors ? true : undefined}
          aria-describedby={[`${textId}-hint`, errors ? `${textId}-err` : null].filter(Boolean).join(" ")}
        />
        {errors ? (
          <p id={`${textId}-err`} className="mt-1 font-semibold text-red-800">
            {errors.map((e) => msg("fieldErrors", e)).join(" ")}
          </p>
        ) : null}
      </div>
      <FormStatus state={state} success={t("saved")} />
      <button type="submit" className={buttonClass} disabled={pending}>
        {t("save")}
      </button>
    </form>
  );
}

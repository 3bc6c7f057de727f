"use client";

import { useTranslations } from "next-intl";
import { useCallback, useRef, useState } from "react";
import type { GeoJSONSource } from "maplibre-gl";
import type { MapConfig } from "@/lib/maps/config";
import { MapCanvas, type MapLibrary, type PiazzaMap } from "./map-canvas";
import { CLUSTER_COLOUR, STATUS_COLOURS } from "./status-colours";


type Props = {
  config: MapConfig;
  center: { lat: number; lng: number };
  zoom: number;
  /** Filters already in the page URL (category, status, periodo): the map shows what the list shows. */
  filterQuery: string;
};

/**
 * The public map: loads the visible viewport's reports from /api/reports/geojson (debounced on moveend,
 * earlier requests aborted), clusters them client-side, colours points by state. Exposes the number of
 * features applied in `data-features-loaded` (tests wait for it). The list below is its equivalent.
 */
export function ReportsMap({ config, center, zoom, filterQuery }: Props) {
  const t = useTranslations("citizens.map");
  const [loaded, setLoaded] = useState<{ count: number; truncated: boolean } | null>(null);
  // What the map actually drew (points + clusters), once it is idle: tests assert the map shows reports.
  const [rendered, setRendered] = useState<number | null>(null);
  const [failed, setFailed] = useState(false);
  const abortRef = useRef<AbortController | null>(null);

  const onReady = useCallback(
    (map: PiazzaMap, lib: MapLibrary) => {
      map.addSource("reports", { type: "geojson", data: { type: "FeatureCollection", features: [] }, cluster: true, clusterRadius: 40, clusterMaxZoom: 16 });
      map.addLayer({
        id: "clusters",
        type: "circle",
        source: "reports",
        filter: ["has", "point_count"],
        paint: {
          "circle-color": CLUSTER_COLOUR,
          "circle-opacity": 0.85,
          "circle-stroke-color": "#ffffff",
          "circle-stroke-width": 2,
          "circle-radius": ["step", ["get", "point_count"], 14, 10, 20, 50, 26],
        },
      });
      map.addLayer({
        id: "points",
        type: "circle",
        source: "reports",
        filter: ["!", ["has", "point_count"]],
        paint: {
          "circle-color": ["match", ["get", "status"], ...Object.entries(STATUS_COLOURS).flat(), "#4d4d4d"] as never,
          "circle-radius": 8,
          "circle-stroke-color": "#ffffff",
          "circle-stroke-width": 2,
        },
      });

      let timer: ReturnType<typeof setTimeout> | undefined;
      const load = async () => {
        abortRef.current?.abort();
        const controller = new AbortController();
        abortRef.current = controller;
        const b = map.getBounds();
        const params = new URLSearchParams(filterQuery);
        params.set("bbox", [b.getWest(), b.getSouth(), b.getEast(), b.getNorth()].map((n) => n.toFixed(5)).join(","));
        params.set("zoom", map.getZoom().toFixed(1));
        try {
          const res = await fetch(`/api/reports/geojson?${params}`, { signal: controller.signal });
          if (!res.ok) throw new Error(String(res.status));
          const data = (await res.json()) as { features: unknown[]; truncated: boolean };
          (map.getSource("reports") as GeoJSONSource).setData(data as never);
          setLoaded({ count: data.features.length, truncated: data.truncated });
          map.once("idle", () => setRendered(map.queryRenderedFeatures({ layers: ["clusters", "points"] }).length));
          setFailed(false);
        } catch (error) {
          if ((error as Error).name !== "AbortError") setFailed(true);
        }
      };
      const onMove = () => {
        clearTimeout(timer);
        timer = setTimeout(load, 300);
      };
      const onCluster = async (e: { features?: { properties: Record<string, unknown>; geometry: unknown }[] }) => {
        const feature = e.features?.[0];
        if (!feature) return;
        const source = map.getSource("reports") as GeoJSONSource;
        const nextZoom = await source.getClusterExpansionZoom(Number(feature.properties.cluster_id));
        const [lng, lat] = (feature.geometry as { coordinates: [number, number] }).coordinates;
        map.easeTo({ center: [lng, lat], zoom: nextZoom });
      };
      const onPoint = (e: { features?: { properties: Record<string, unknown>; geometry: unknown }[] }) => {
        const feature = e.features?.[0];
        if (!feature) return;
        const p = feature.properties;
        // Built from DOM text nodes: report titles are user text and are never parsed as HTML.
        const box = document.createElement("div");
        const title = document.createElement("p");
        title.className = "font-semibold";
        title.textContent = String(p.title);
        const meta = document.createElement("p");
        meta.textContent = `${String(p.code)} · ${String(p.category)}`;
        const link = document.createElement("a");
        link.href = `/segnalazioni/${encodeURIComponent(String(p.code))}`;
        link.className = "underline";
        link.textContent = t("open");
        box.append(title, meta, link);
        const [lng, lat] = (feature.geometry as { coordinates: [number, number] }).coordinates;
        new lib.Popup({ closeButton: true }).setLngLat([lng, lat]).setDOMContent(box).addTo(map);
      };
      const pointer = () => (map.getCanvas().style.cursor = "pointer");
      const noPointer = () => (map.getCanvas().style.cursor = "");
      map.on("moveend", onMove);
      map.on("click", "clusters", onCluster as never);
      map.on("click", "points", onPoint as never);
      map.on("mouseenter", "points", pointer);
      map.on("mouseleave", "points", noPointer);
      map.on("mouseenter", "clusters", pointer);
      map.on("mouseleave", "clusters", noPointer);
      void load();
      return () => {
        clearTimeout(timer);
        abortRef.current?.abort();
        map.off("moveend", onMove);
      };
    },
    [filterQuery, t],
  );

  return (
    <div className="space-y-2" data-testid="reports-map" data-features-loaded={loaded ? String(loaded.count) : undefined}
      data-features-rendered={rendered === null ? undefined : String(rendered)}
    >
      <MapCanvas config={config} center={center} zoom={zoom} label={t("label")} className="h-80 w-full overflow-hidden rounded-lg sm:h-[28rem]" onReady={onReady} />
      <p role="status" aria-live="polite" className="text-sm text-muted">
        {failed ? t("failed") : loaded ? t("loaded", { count: loaded.count }) : t("loading")}
        {loaded?.truncated ? ` ${t("truncated", { count: loaded.count })}` : ""}
      </p>
    </div>
  );
}

"use client";

import "maplibre-gl/dist/maplibre-gl.css";
import "mapbox-gl/dist/mapbox-gl.css";
import type { Map as MaplibreMap, StyleSpecification } from "maplibre-gl";
import { useEffect, useRef, useState } from "react";
import type { MapConfig } from "@/lib/maps/config";

/** The map API both libraries share; typed with maplibre's definitions. */
export type PiazzaMap = MaplibreMap;
export type MapLibrary = { LngLatBounds: typeof import("maplibre-gl").LngLatBounds; Marker: typeof import("maplibre-gl").Marker; Popup: typeof import("maplibre-gl").Popup };

const OSM_STYLE: StyleSpecification = {
  version: 8,
  sources: {
    osm: {
      type: "raster",
      tiles: ["https://tile.openstreetmap.org/{z}/{x}/{y}.png"],
      tileSize: 256,
      maxzoom: 19,
      attribution: "© OpenStreetMap contributors",
    },
  },
  layers: [{ id: "osm", type: "raster", source: "osm" }],
};

/** Site-relative styles become absolute (the map's worker fetches them); mapbox:// and http(s) URLs stay as given. */
function resolveStyleUrl(url: string): string {
  return /^[a-z][a-z0-9+.-]*:/i.test(url) ? url : new URL(url, window.location.href).toString();
}

type Props = {
  config: MapConfig;
  center: { lat: number; lng: number };
  zoom: number;
  /** Accessible name of the map region ("Mappa delle segnalazioni"). */
  label: string;
  className?: string;
  interactive?: boolean;
  /** Called once the style is loaded; return a cleanup function if you add listeners. */
  onReady?: (map: PiazzaMap, lib: MapLibrary) => void | (() => void);
};

/**
 * The one client component that wraps the map library (ARCHITECTURE.md §3). Loads mapbox-gl or maplibre-gl
 * lazily in the browser, never on the server. Exposes the map through `onReady`; the page always offers
 * an accessible alternative (list, address field) next to it.
 */
export function MapCanvas({ config, center, zoom, label, className, interactive = true, onReady }: Props) {
  const container = useRef<HTMLDivElement>(null);
  const readyRef = useRef(onReady);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    readyRef.current = onReady;
  }, [onReady]);

  useEffect(() => {
    let map: PiazzaMap | null = null;
    let cleanup: void | (() => void);
    let cancelled = false;
    (async () => {
      try {
        const mod: unknown = config.provider === "mapbox" ? await import("mapbox-gl") : await import("maplibre-gl");
        const lib = ((mod as { default?: unknown }).default ?? mod) as typeof import("maplibre-gl");
        if (cancelled || !container.current) return;
        if (config.provider === "mapbox") (lib as unknown as { accessToken: string }).accessToken = config.token ?? "";
        // The bundled maplibre cannot find its worker next to its chunk: serve the package's worker instead.
        else lib.setWorkerUrl(new URL("/api/maplibre-worker.mjs", window.location.href).toString());
        const style = config.styleUrl ? resolveStyleUrl(config.styleUrl) : OSM_STYLE;
        map = new lib.Map({
          container: container.current,
          style,
          center: [center.lng, center.lat],
          zoom,
          interactive,
          attributionControl: { compact: true },
        });
        if (interactive) map.addControl(new lib.NavigationControl({ showCompass: false }), "top-right");
        map.once("load", () => {
          if (!cancelled && map) cleanup = readyRef.current?.(map, lib);
        });
      } catch {
        setFailed(true);
      }
    })();
    return () => {
      cancelled = true;
      if (typeof cleanup === "function") cleanup();
      map?.remove();
    };
    // The map is created once; later changes of centre/zoom are applied by the caller through the map API.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [config.provider, config.token, config.styleUrl]);

  return (
    <div
      ref={container}
      role="region"
      aria-label={label}
      data-testid="map"
      data-map-provider={config.provider}
      data-map-failed={failed ? "true" : undefined}
      className={className ?? "h-80 w-full"}
    />
  );
}

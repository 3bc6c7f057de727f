"use client";

import { useCallback } from "react";
import type { MapConfig } from "@/lib/maps/config";
import { MapCanvas, type MapLibrary, type PiazzaMap } from "./map-canvas";

/** Small, non-interactive map of one report's position with a marker; the address is given as text too. */
export function ReportLocationMap({ config, lat, lng, label }: { config: MapConfig; lat: number; lng: number; label: string }) {
  const onReady = useCallback(
    (map: PiazzaMap, lib: MapLibrary) => {
      new lib.Marker({ color: "#b3261e" }).setLngLat([lng, lat]).addTo(map);
    },
    [lat, lng],
  );
  return (
    <MapCanvas config={config} center={{ lat, lng }} zoom={16} interactive={false} label={label} className="h-56 w-full overflow-hidden rounded-lg" onReady={onReady} />
  );
}

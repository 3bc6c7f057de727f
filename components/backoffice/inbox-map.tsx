"use client";

import { useRouter } from "next/navigation";
import { useCallback } from "react";
import { MapCanvas, type PiazzaMap } from "@/components/map/map-canvas";
import type { MapConfig } from "@/lib/maps/config";

type Collection = { type: "FeatureCollection"; features: { type: "Feature"; geometry: { type: "Point"; coordinates: number[] }; properties: { code: string; status: string } }[] };

const COLORS: Record<string, string> = { new: "#b3261e", acknowledged: "#8a5300", in_progress: "#0b5394", resolved: "#1e6b34" };

/** The inbox's map view: the same filtered reports as a GeoJSON source; a click opens the report. */
export function InboxMap({ config, center, data, label }: { config: MapConfig; center: { lat: number; lng: number }; data: Collection; label: string }) {
  const router = useRouter();
  const onReady = useCallback(
    (map: PiazzaMap) => {
      map.addSource("inbox", { type: "geojson", data: data as never });
      map.addLayer({
        id: "inbox-points",
        type: "circle",
        source: "inbox",
        paint: {
          "circle-radius": 7,
          "circle-stroke-width": 2,
          "circle-stroke-color": "#ffffff",
          "circle-color": ["match", ["get", "status"], ...Object.entries(COLORS).flat(), "#4d4d4d"] as never,
        },
      });
      const open = (e: { features?: { properties?: Record<string, unknown> }[] }) => {
        const code = e.features?.[0]?.properties?.code;
        if (typeof code === "string") router.push(`/ufficio/segnalazioni/${code}`);
      };
      map.on("click", "inbox-points", open);
      return () => map.off("click", "inbox-points", open);
    },
    [data, router],
  );
  return <MapCanvas config={config} center={center} zoom={13} label={label} className="h-[60vh] w-full rounded-lg" onReady={onReady} />;
}

export type LocateState = "idle" | "busy" | "denied" | "unavailable";

/**
 * "Usa la mia posizione" for every pin picker: asks the browser once (high accuracy, a minute-old fix is
 * fine on a phone in the street) and reports progress so the form can announce it; denied and unavailable
 * are told apart because the citizen can fix the first one in the browser's settings.
 */
export function locateDevice(
  setLocating: (state: LocateState) => void,
  onFound: (lat: number, lng: number) => void,
): void {
  if (!("geolocation" in navigator)) return setLocating("unavailable");
  setLocating("busy");
  navigator.geolocation.getCurrentPosition(
    (pos) => {
      setLocating("idle");
      onFound(pos.coords.latitude, pos.coords.longitude);
    },
    (err) => setLocating(err.code === err.PERMISSION_DENIED ? "denied" : "unavailable"),
    { enableHighAccuracy: true, timeout: 15000, maximumAge: 60000 },
  );
}

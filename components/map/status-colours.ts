/** State colours of map points (same hues as the badges); the legend always spells the state out. */
export const STATUS_COLOURS: Record<string, string> = {
  new: "#b3261e",
  acknowledged: "#8a5300",
  in_progress: "#0b5394",
  resolved: "#1e6b34",
  not_competent: "#4d4d4d",
  rejected: "#4d4d4d",
  duplicate: "#4d4d4d",
};

export const CLUSTER_COLOUR = "#0b5394";

"use client";

import { useEffect } from "react";

/** After a successful sign-in action, load the target with a full navigation so the proxy serves this host. */
export function useFollowRedirect(state: { redirectTo?: string }): void {
  useEffect(() => {
    if (state.redirectTo) window.location.assign(state.redirectTo);
  }, [state.redirectTo]);
}

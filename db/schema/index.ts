export * from "./tenants";
export * from "./auth";
export * from "./organisation";
export * from "./categories";
export * from "./reports";
export * from "./audit";
export * from "./outbox";
export { appUser } from "./_tenant";

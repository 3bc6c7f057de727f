-- Custom SQL migration file, put your code below! --
-- Rate-limit counters are ephemeral: a window lasts minutes, and after a crash starting every counter from
-- zero is harmless. UNLOGGED keeps them out of the write-ahead log, so counting a request — a statement
-- every public submission commits on its own, before its transaction (lib/security/rate-limit.ts) — writes
-- no WAL and its commit waits for no disk flush. PostgreSQL empties an unlogged table after a crash and
-- does not copy it to standbys: both are what counters want.
ALTER TABLE "rate_limits" SET UNLOGGED;

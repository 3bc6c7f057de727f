-- A follower's unsubscribe link carries an HMAC of the follower's id (lib/reports/links.ts), so nothing
-- ever looked a follower up by token_hash: the column and its unique index were written on every report
-- and every follow (a sha256 and an index entry each) and never read.
DROP INDEX "report_followers_token_key";--> statement-breakpoint
ALTER TABLE "report_followers" DROP COLUMN "token_hash";
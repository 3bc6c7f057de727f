/**
 * Runs once when the server starts. Next compiles this file for the edge runtime too: the literal
 * process.env.NEXT_RUNTIME check lets the bundler drop the Node-only module from that build.
 */
export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { startServer } = await import("./lib/server-start");
    await startServer();
  }
}

import { unknownApiPath } from "@/lib/api/problem";

export const dynamic = "force-dynamic";

/** Anything under /api/v1 that no route names: 404 problem+json (RFC 9457), never Next's HTML page. */
export const GET = unknownApiPath;
export const HEAD = unknownApiPath;
export const POST = unknownApiPath;
export const PUT = unknownApiPath;
export const PATCH = unknownApiPath;
export const DELETE = unknownApiPath;
export const OPTIONS = unknownApiPath;

/** Limits shared by the upload route, the verb and the browser (which checks first for fast feedback). */
export const UPLOAD_MAX_BYTES = 10 * 1024 * 1024;
export const MAX_PHOTOS = 5;
export const MAX_DOCUMENTS = 3;
/** Longest side of a stored photo and of its thumbnail. */
export const PHOTO_MAX_SIDE = 2048;
export const THUMB_MAX_SIDE = 400;
/** What the file picker offers; the server decides by content, never by this list. */
export const ACCEPTED_PHOTO_TYPES = "image/jpeg,image/png,image/webp,image/heic,image/heif,.heic,.heif";
export const ACCEPTED_DOCUMENT_TYPES = "application/pdf,.pdf";

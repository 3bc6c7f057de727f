/** Cookie holding `<code>~<receipt token>` for the browser that just submitted (see receipt-token.ts). */
export const RECEIPT_COOKIE = "piazza_receipt";

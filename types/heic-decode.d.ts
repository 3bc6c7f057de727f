/** heic-decode 2.x ships no types: the two functions of its CommonJS entry point. */
declare module "heic-decode" {
  type DecodedImage = { width: number; height: number; data: Uint8ClampedArray };
  type HeicImage = { width: number; height: number; decode(): Promise<DecodedImage> };
  type DecodeInput = { buffer: ArrayBufferLike | Uint8Array };
  function decode(input: DecodeInput): Promise<DecodedImage>;
  namespace decode {
    function all(input: DecodeInput): Promise<HeicImage[] & { dispose(): void }>;
  }
  export default decode;
}

/** A chunk of a PNG file. */
export interface PngChunk {
    type: string;
    data: Buffer;
}
/** The chunks of a PNG file, checked for their signature and CRCs. */
export function readChunks(bytes: Buffer, name?: string): PngChunk[];
/** The APNG of `frames` (PNG bytes of one size and format), each shown `delayMs`, looping forever. */
export function apngBytes(frames: readonly Buffer[], options?: { delayMs?: number }): Buffer;
/** Writes the APNG of the PNG files `framePaths` to `outPath`; returns its size in bytes. */
export function assembleApng(framePaths: readonly string[], outPath: string, options?: { delayMs?: number }): number;

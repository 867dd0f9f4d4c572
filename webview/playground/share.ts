/**
 * The playground's share links: the files, deflated (`CompressionStream`) and written as base64url in
 * the URL's hash (`#code=...`), so a link carries the text itself and no server keeps anything.
 */

/** One file of the playground: a `.sysd` document or a configuration file. */
export interface PlaygroundFile {
    name: string;
    text: string;
}

/** What a share link holds. */
export interface SharedState {
    files: PlaygroundFile[];
    /** The file shown in the editor. */
    active?: string;
}

const PREFIX = '#code=';
/** Links longer than this are refused when read (a deflated megabyte of text is far beyond any example). */
const MAX_HASH = 2_000_000;

export async function encodeState(state: SharedState): Promise<string> {
    const json = JSON.stringify({ v: 1, files: state.files.map(file => [file.name, file.text]), active: state.active });
    const deflated = await pipe(new TextEncoder().encode(json), new CompressionStream('deflate'));
    return PREFIX + base64url(deflated);
}

/** The state a hash holds, or `undefined` when it holds none (or something this version cannot read). */
export async function decodeState(hash: string): Promise<SharedState | undefined> {
    if (!hash.startsWith(PREFIX) || hash.length > MAX_HASH) return undefined;
    try {
        const bytes = fromBase64url(hash.slice(PREFIX.length));
        const json = new TextDecoder().decode(await pipe(bytes, new DecompressionStream('deflate')));
        const value = JSON.parse(json) as { v?: unknown; files?: unknown; active?: unknown };
        if (value.v !== 1 || !Array.isArray(value.files)) return undefined;
        const files: PlaygroundFile[] = [];
        for (const entry of value.files as unknown[]) {
            if (!Array.isArray(entry) || typeof entry[0] !== 'string' || typeof entry[1] !== 'string') return undefined;
            files.push({ name: entry[0], text: entry[1] });
        }
        if (files.length === 0) return undefined;
        return { files, active: typeof value.active === 'string' ? value.active : undefined };
    } catch {
        return undefined;
    }
}

async function pipe(bytes: Uint8Array, transform: CompressionStream | DecompressionStream): Promise<Uint8Array> {
    const stream = new Blob([bytes as BlobPart]).stream().pipeThrough(transform);
    return new Uint8Array(await new Response(stream).arrayBuffer());
}

function base64url(bytes: Uint8Array): string {
    let binary = '';
    for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
    return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64url(text: string): Uint8Array {
    const base64 = text.replace(/-/g, '+').replace(/_/g, '/');
    return Uint8Array.from(atob(base64 + '='.repeat((4 - (base64.length % 4)) % 4)), char => char.charCodeAt(0));
}

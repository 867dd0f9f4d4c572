import { URI, UriUtils } from 'langium';

/**
 * The configuration files (`sysd.config.json`, `.sysdrc.json`) of a host without a file system: the
 * language server in a browser worker. The client reads them from its workspace file system and sends
 * their text (`sysd/configFiles`); the model service finds and reads them here, by URI, the way the
 * Node host finds and reads them on disk. Pure: no Node, no DOM.
 */
export class ConfigFileStore {
    private readonly texts = new Map<string, string>();
    private generation = 0;

    /** Sets the text of the configuration file at `uri`, or forgets it (`undefined`: deleted). */
    set(uri: string, text: string | undefined): void {
        const key = normalize(uri);
        if (text === undefined) this.texts.delete(key);
        else this.texts.set(key, text);
        this.generation++;
    }

    /** Forgets every file. */
    clear(): void {
        this.texts.clear();
        this.generation++;
    }

    /** Counts the changes: a host that caches lookups compares it. */
    get version(): number {
        return this.generation;
    }

    has(uri: string): boolean {
        return this.texts.has(normalize(uri));
    }

    get(uri: string): string | undefined {
        return this.texts.get(normalize(uri));
    }

    /** The URIs of every stored file. */
    uris(): string[] {
        return [...this.texts.keys()];
    }
}

function normalize(uri: string): string {
    return URI.parse(uri).toString();
}

/** The one store of the worker's language server (filled by `server/src/browser-main.ts`). */
export const browserConfigFiles = new ConfigFileStore();

/** The folder of a document, as a URI string (its configuration file is searched from there upward). */
export function parentUri(uri: string): string | undefined {
    const parsed = URI.parse(uri);
    if (parsed.path === '' || parsed.path === '/') return undefined;
    return UriUtils.dirname(parsed).toString();
}

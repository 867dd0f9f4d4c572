export interface PlaygroundFile {
    name: string;
    text: string;
}

export interface PlaygroundBuildOptions {
    /** The folder to write (default out/playground). */
    out?: string;
    /** Where the rule pages are published; findings link to `<docsBase>/<rule>.md`. */
    docsBase?: string;
    production?: boolean;
}

export function readExamples(dir?: string): { name: string; files: PlaygroundFile[] }[];
/** Builds the playground; resolves to the folder written. */
export function buildPlayground(options?: PlaygroundBuildOptions): Promise<string>;

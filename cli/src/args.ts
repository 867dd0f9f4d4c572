/** A small, strict command-line parser: `--name value`, `--name=value`, `-x value`, flags, and `--`. */

export interface OptionSpec {
    /** Long name without dashes, e.g. `max-warnings`. */
    name: string;
    /** One-letter alias without the dash, e.g. `o`. */
    alias?: string;
    /** The option takes a value; otherwise it is a flag. */
    value?: boolean;
    /** The option may be given more than once (values are collected). */
    repeatable?: boolean;
}

export interface ParsedArgs {
    /** Values by long name; flags map to `['true']`. */
    options: Map<string, string[]>;
    positionals: string[];
}

export class UsageError extends Error {}

export function parseArgs(argv: readonly string[], specs: readonly OptionSpec[]): ParsedArgs {
    const byName = new Map(specs.map(spec => [spec.name, spec] as const));
    const byAlias = new Map(specs.filter(spec => spec.alias).map(spec => [spec.alias!, spec] as const));
    const options = new Map<string, string[]>();
    const positionals: string[] = [];
    for (let i = 0; i < argv.length; i++) {
        const arg = argv[i];
        if (arg === '--') {
            positionals.push(...argv.slice(i + 1));
            break;
        }
        let spec: OptionSpec | undefined;
        let inline: string | undefined;
        let written = arg;
        if (arg.startsWith('--')) {
            const eq = arg.indexOf('=');
            const name = eq >= 0 ? arg.slice(2, eq) : arg.slice(2);
            inline = eq >= 0 ? arg.slice(eq + 1) : undefined;
            written = `--${name}`;
            spec = byName.get(name);
        } else if (arg.startsWith('-') && arg.length > 1) {
            const letter = arg.slice(1, 2);
            written = `-${letter}`;
            spec = byAlias.get(letter);
            if (arg.length > 2) inline = arg.slice(2).replace(/^=/, '');
        } else {
            positionals.push(arg);
            continue;
        }
        if (!spec) throw new UsageError(`Unknown option '${written}'.`);
        let value = 'true';
        if (spec.value) {
            if (inline !== undefined) value = inline;
            else if (i + 1 < argv.length) value = argv[++i];
            else throw new UsageError(`Option '${written}' needs a value.`);
        } else if (inline !== undefined) {
            throw new UsageError(`Option '${written}' does not take a value.`);
        }
        const list = options.get(spec.name);
        if (list && !spec.repeatable && spec.value) throw new UsageError(`Option '--${spec.name}' was given more than once.`);
        if (list) list.push(value);
        else options.set(spec.name, [value]);
    }
    return { options, positionals };
}

/** The single value of an option, if given. */
export function single(parsed: ParsedArgs, name: string): string | undefined {
    return parsed.options.get(name)?.[0];
}

export function flag(parsed: ParsedArgs, name: string): boolean {
    return parsed.options.has(name);
}

/**
 * Command-line options, read by Node's `util.parseArgs`: `--name value`, `--name=value`, `-x value`,
 * `-xvalue`, flags, grouped short flags and `--`.
 */
import { parseArgs as parseNodeArgs, type ParseArgsConfig } from 'node:util';
import { closest } from '@sysd/language/model';

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

const USAGE = Symbol.for('sysd.UsageError');

/**
 * Wrong usage: the commands print the message with a pointer to their help and exit with EXIT_USAGE.
 * Each CLI bundle (out/cli/main.cjs and the command bundles it loads) has its own copy of this class,
 * so `instanceof` recognises the errors of every copy by a mark rather than by the prototype.
 */
export class UsageError extends Error {
    readonly [USAGE] = true;

    static override [Symbol.hasInstance](value: unknown): boolean {
        return typeof value === 'object' && value !== null && (value as { [USAGE]?: unknown })[USAGE] === true;
    }
}

/**
 * Reads `argv` against `specs`, and throws a UsageError for an unknown option, an option without its
 * value, a value given to a flag, or a single-valued option given twice.
 *
 * parseArgs splits the arguments into tokens; the checks that its `strict` mode would make are made
 * here on those tokens instead, for two reasons: strict mode refuses a value that starts with a dash
 * (`--max-warnings -1`, which the help documents), and its messages describe Node's conventions
 * rather than pointing at the option the user typed. Non-strict parsing takes the argument after a
 * valued option as its value whatever it looks like, as strict mode does before that check.
 */
export function parseArgs(argv: readonly string[], specs: readonly OptionSpec[]): ParsedArgs {
    const config: NonNullable<ParseArgsConfig['options']> = {};
    for (const spec of specs) {
        config[spec.name] = { type: spec.value ? 'string' : 'boolean', multiple: spec.repeatable === true, ...(spec.alias ? { short: spec.alias } : {}) };
    }
    const { tokens } = parseNodeArgs({ args: [...argv], options: config, strict: false, allowPositionals: true, tokens: true });
    const byName = new Map(specs.map(spec => [spec.name, spec] as const));
    const options = new Map<string, string[]>();
    const positionals: string[] = [];
    for (const token of tokens) {
        if (token.kind === 'positional') {
            positionals.push(token.value);
            continue;
        }
        if (token.kind === 'option-terminator') continue;
        const spec = byName.get(token.name);
        if (!spec) throw new UsageError(`Unknown option '${token.rawName}'.${didYouMeanOption(token.rawName, specs)}`);
        if (spec.value && token.value === undefined) throw new UsageError(`Option '${token.rawName}' needs a value.`);
        if (!spec.value && token.value !== undefined) throw new UsageError(`Option '${token.rawName}' does not take a value.`);
        const list = options.get(spec.name);
        if (list && spec.value && !spec.repeatable) throw new UsageError(`Option '--${spec.name}' was given more than once.`);
        const value = token.value ?? 'true';
        if (list) list.push(value);
        else options.set(spec.name, [value]);
    }
    return { options, positionals };
}

/**
 * ` Did you mean '--format'?` for a misspelt option (`--fromat`, `--max-warning`), or ''. A long
 * option is compared with the long names; a short one has too few letters to guess from.
 */
function didYouMeanOption(rawName: string, specs: readonly OptionSpec[]): string {
    if (!rawName.startsWith('--')) return '';
    const found = closest(rawName.slice(2), specs.map(spec => spec.name), 1);
    return found.length > 0 ? ` Did you mean '--${found[0]}'?` : '';
}

/** ` Did you mean 'check'?` for a misspelt word among `candidates`, or ''. */
export function didYouMeanWord(word: string, candidates: readonly string[]): string {
    const found = closest(word, candidates, 1);
    return found.length > 0 ? ` Did you mean '${found[0]}'?` : '';
}

/** The single value of an option, if given. */
export function single(parsed: ParsedArgs, name: string): string | undefined {
    return parsed.options.get(name)?.[0];
}

export function flag(parsed: ParsedArgs, name: string): boolean {
    return parsed.options.has(name);
}

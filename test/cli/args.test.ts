// The option parser every command uses: Node's util.parseArgs, with sysd's checks and messages.
import { describe, expect, it } from 'vitest';
import { flag, parseArgs, single, UsageError, type OptionSpec } from '../../cli/src/args.js';

const SPECS: OptionSpec[] = [
    { name: 'format', value: true },
    { name: 'output-file', alias: 'o', value: true },
    { name: 'max-warnings', value: true },
    { name: 'rule', value: true, repeatable: true },
    { name: 'quiet' },
    { name: 'no-color' },
    { name: 'help', alias: 'h' }
];

function usageError(argv: string[]): string {
    try {
        parseArgs(argv, SPECS);
    } catch (error) {
        expect(error).toBeInstanceOf(UsageError);
        return (error as UsageError).message;
    }
    throw new Error(`no usage error for ${argv.join(' ')}`);
}

describe('parseArgs', () => {
    it('reads long and short options, inline values, flags and positionals in any order', () => {
        const args = parseArgs(['a.sysd', '--format', 'json', '-o', 'out.json', '--quiet', 'b', '--max-warnings=3', '--no-color'], SPECS);
        expect(args.positionals).toEqual(['a.sysd', 'b']);
        expect(single(args, 'format')).toBe('json');
        expect(single(args, 'output-file')).toBe('out.json');
        expect(single(args, 'max-warnings')).toBe('3');
        expect(flag(args, 'quiet')).toBe(true);
        expect(flag(args, 'no-color')).toBe(true);
        expect(flag(args, 'help')).toBe(false);
        expect(args.options.get('quiet')).toEqual(['true']);
        expect(single(parseArgs(['-oreport.json'], SPECS), 'output-file')).toBe('report.json');
        expect(flag(parseArgs(['-h'], SPECS), 'help')).toBe(true);
    });

    it('collects a repeatable option in order, and takes everything after -- as a path', () => {
        const args = parseArgs(['--rule', 'a=off', '--rule=b=error', '--', '--quiet', '-h'], SPECS);
        expect(args.options.get('rule')).toEqual(['a=off', 'b=error']);
        expect(args.positionals).toEqual(['--quiet', '-h']);
        expect(flag(args, 'quiet')).toBe(false);
    });

    it('takes the argument after a valued option as its value, even when it starts with a dash', () => {
        expect(single(parseArgs(['--max-warnings', '-1'], SPECS), 'max-warnings')).toBe('-1');
        expect(single(parseArgs(['-o', '-'], SPECS), 'output-file')).toBe('-');
        expect(parseArgs(['-'], SPECS).positionals).toEqual(['-']);
    });

    it('names the option as the user wrote it when it is unknown or misused', () => {
        expect(usageError(['--bogus'])).toBe("Unknown option '--bogus'.");
        expect(usageError(['--bogus=1'])).toBe("Unknown option '--bogus'.");
        expect(usageError(['-x'])).toBe("Unknown option '-x'.");
        expect(usageError(['a.sysd', '--format'])).toBe("Option '--format' needs a value.");
        expect(usageError(['-o'])).toBe("Option '-o' needs a value.");
        expect(usageError(['--quiet=yes'])).toBe("Option '--quiet' does not take a value.");
        expect(usageError(['--format', 'json', '--format=sarif'])).toBe("Option '--format' was given more than once.");
        expect(usageError(['-o', 'a', '--output-file', 'b'])).toBe("Option '--output-file' was given more than once.");
    });

    it('stops at the first problem, in the order the arguments were given', () => {
        expect(usageError(['--nope', '--format'])).toBe("Unknown option '--nope'.");
        expect(usageError(['--quiet=1', '--nope'])).toBe("Option '--quiet' does not take a value.");
    });
});

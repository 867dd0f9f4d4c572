/**
 * What the commands touch outside themselves. `main.ts` wires it to `process`; the tests pass
 * functions that collect the output, so no command writes to the process streams directly.
 */
export interface CliIO {
    stdout(text: string): void;
    stderr(text: string): void;
    cwd: string;
    env: Record<string, string | undefined>;
    /** Whether standard output is a terminal (colours are used only then). */
    isTTY: boolean;
    /**
     * Reads standard input to its end (`sysd check -`), with the limits of a source file; `error` is a
     * phrase that follows "standard input". Absent where there is no standard input to read.
     */
    readStdin?: () => Promise<{ text: string } | { error: string }>;
}

/** The part of {@link CliIO} a command needs when it neither reads the environment nor colours its output. */
export type OutputIO = Pick<CliIO, 'stdout' | 'stderr' | 'cwd'>;

/**
 * The exit codes of every sysd command, with ESLint's meanings, so scripts and CI can tell "the
 * architecture has problems" from "sysd could not do what was asked". Every command returns one of
 * these; nothing in cli/src exits with a bare number.
 */

/** Done, and nothing to complain about (warnings within --max-warnings are fine). */
export const EXIT_OK = 0;

/** Lint errors were found, or more warnings than --max-warnings allows. */
export const EXIT_PROBLEMS = 1;

/**
 * sysd could not do what was asked: wrong usage (an unknown option or command, a malformed value), a
 * configuration file or source file that cannot be used, an output that cannot be written, or an
 * internal error.
 */
export const EXIT_USAGE = 2;

export type ExitCode = typeof EXIT_OK | typeof EXIT_PROBLEMS | typeof EXIT_USAGE;

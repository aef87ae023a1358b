/**
 * Exit statuses of the command-line tools, from BSD's sysexits.h, so that scripts and service
 * managers can tell a usage error from bad data, a missing input, a busy target or bad settings.
 */
export const EX_USAGE = 64;
export const EX_DATAERR = 65;
export const EX_NOINPUT = 66;
export const EX_UNAVAILABLE = 69;
export const EX_CANTCREAT = 73;
export const EX_IOERR = 74;
export const EX_TEMPFAIL = 75;
export const EX_CONFIG = 78;

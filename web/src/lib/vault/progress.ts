/**
 * Speed and time left of a transfer. Pure: the worker measures, the page words it.
 */

/** Measures a smoothed transfer speed from (time, bytes done) samples. */
export interface RateMeter {
  /** Records that `done` bytes are done at `nowMs`; returns the smoothed bytes per second. */
  sample(done: number, nowMs: number): number;
}

/**
 * An exponentially weighted moving average of the speed, with a time constant of `windowMs`:
 * steady enough for "time left" not to jump about, quick enough to follow a changing network.
 */
export function createRateMeter(startMs: number, windowMs = 3000): RateMeter {
  let lastMs = startMs;
  let lastDone = 0;
  let rate = 0;
  let measured = false;
  return {
    sample(done, nowMs) {
      const dt = nowMs - lastMs;
      if (dt <= 0) return rate;
      const instant = ((done - lastDone) * 1000) / dt;
      const weight = measured ? 1 - Math.exp(-dt / windowMs) : 1;
      rate = rate + weight * (instant - rate);
      measured = true;
      lastMs = nowMs;
      lastDone = done;
      return rate;
    },
  };
}

/** Seconds left at the current speed, or null when it cannot be estimated yet. */
export function secondsLeft(done: number, total: number, bytesPerSecond: number): number | null {
  if (done >= total) return 0;
  if (!(bytesPerSecond > 0)) return null;
  return (total - done) / bytesPerSecond;
}

/** How to say the time left: a message and its count. */
export type TimeLeft =
  | { key: 'estimating' }
  | { key: 'almostDone' }
  | { key: 'seconds'; count: number }
  | { key: 'minutes'; count: number }
  | { key: 'hours'; count: number };

/**
 * Rounds a time left to what a person wants to read: "almost done" under 5 s, then seconds in
 * fives, whole minutes from 1 minute, hours (with half hours dropped) from 90 minutes.
 */
export function describeTimeLeft(seconds: number | null): TimeLeft {
  if (seconds === null || !Number.isFinite(seconds)) return { key: 'estimating' };
  if (seconds < 5) return { key: 'almostDone' };
  if (seconds < 60) return { key: 'seconds', count: Math.min(55, Math.ceil(seconds / 5) * 5) };
  if (seconds < 90 * 60) return { key: 'minutes', count: Math.max(1, Math.round(seconds / 60)) };
  return { key: 'hours', count: Math.round(seconds / 3600) };
}

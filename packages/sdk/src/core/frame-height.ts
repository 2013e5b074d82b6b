import { frameHeightOf } from '@hosted-session/protocol';

/**
 * Resizes in a row (each within QUIET_MS of the last): a transition takes under a second (60 frames); more is
 * content sized by its own frame (viewport units), which each resize feeds, so the iframe stays until a pause.
 */
const MAX_RESIZES_IN_A_ROW = 60;
const QUIET_MS = 250;

export interface FrameHeight {
  /** A field frame's `resize` message: checked, then applied at the next animation frame (the last one wins). */
  report(size: unknown): void;
  stop(): void;
}

/** Sizes a field's iframe, in CSS pixels, to the content height its frame reports. */
export function followFrameHeight(iframe: HTMLIFrameElement): FrameHeight {
  let pending = 0;
  let scheduled = 0;
  let inARow = 0;
  let last = -Infinity;

  function apply(now: number): void {
    scheduled = 0;
    if (now - last > QUIET_MS) inARow = 0;
    last = now;
    if (++inARow <= MAX_RESIZES_IN_A_ROW) iframe.style.height = `${pending}px`;
  }

  return {
    report(size) {
      const height = frameHeightOf(size);
      if (height === undefined) return;
      pending = height;
      scheduled ||= requestAnimationFrame(apply);
    },
    stop: () => cancelAnimationFrame(scheduled),
  };
}

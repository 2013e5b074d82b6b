/**
 * The tallest a field frame may ask to be, in CSS pixels. One line of text at the largest font a merchant
 * would give it (96px, with padding and borders) stays under 200; 1000 is taller than the viewport of most
 * laptops. A frame asking for more is broken, and the page's layout is not its to take.
 */
export const MAX_FIELD_HEIGHT = 1000;

/** What a field frame sized to its content tells the page: how tall its content is, in CSS pixels. */
export interface FrameSize {
  height: number;
}

/**
 * The height a frame's `resize` message asks for, or undefined for anything but exactly `{height}` with a
 * finite height above 0 and at most `MAX_FIELD_HEIGHT`: a message the page cannot act on is ignored whole.
 */
export function frameHeightOf(input: unknown): number | undefined {
  if (typeof input !== 'object' || input === null || Object.keys(input).join() !== 'height') return undefined;
  const { height } = input as { height: unknown };
  return typeof height === 'number' && height > 0 && height <= MAX_FIELD_HEIGHT ? height : undefined;
}

import { MAX_FIELD_HEIGHT } from '@hosted-session/protocol';

/** On the root element: the document takes the height of its field, not of the frame (see field.css). */
export const FIT_HEIGHT_CLASS = 'hs-fit-height';

/**
 * Lays the document out at its content's natural height and reports that height, in whole CSS pixels,
 * whenever it changes: a larger font or padding from the merchant's styles, a web font arriving, a locale's
 * text. Nothing in the document then takes its height from the frame's, so the page resizing the frame
 * changes nothing here and cannot start a loop. A browser without ResizeObserver keeps the mounted height.
 */
export function watchContentHeight(doc: Document, report: (height: number) => void): void {
  const root = doc.documentElement;
  const Observer = doc.defaultView?.ResizeObserver;
  root.classList.add(FIT_HEIGHT_CLASS);
  if (!Observer) return;
  let reported = 0;
  new Observer(() => {
    // Rounded up, so a frame of the reported height never clips a fraction of a pixel.
    const height = Math.min(Math.ceil(root.getBoundingClientRect().height), MAX_FIELD_HEIGHT);
    if (height > 0 && height !== reported) report((reported = height));
  }).observe(root);
}

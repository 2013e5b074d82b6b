import { MAX_FIELD_HEIGHT } from '@hosted-session/protocol';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { FIT_HEIGHT_CLASS } from '../src/field/content-height.ts';
import { parseFieldOptions } from '../src/field/field-options.ts';
import { mountField } from './field-harness.ts';

/** Stands in for the browser's ResizeObserver: the test says when the layout changed and to what height. */
const observed: Element[] = [];
let layoutChanged: () => void = () => {};
let contentHeight = 0;

beforeEach(() => {
  observed.length = 0;
  layoutChanged = () => {};
  document.documentElement.classList.remove(FIT_HEIGHT_CLASS);
  vi.stubGlobal(
    'ResizeObserver',
    class {
      constructor(callback: () => void) {
        layoutChanged = callback;
      }
      observe(target: Element) {
        observed.push(target);
      }
      disconnect() {}
    },
  );
  vi.spyOn(document.documentElement, 'getBoundingClientRect').mockImplementation(
    () => ({ height: contentHeight }) as DOMRect,
  );
});
afterEach(() => {
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

function layOut(height: number): void {
  contentHeight = height;
  layoutChanged();
}

describe('a field sized to its content', () => {
  it('lays the document out at its natural height and reports it in whole pixels as it changes', () => {
    const { sizes } = mountField('card.number', { fitHeight: true });
    expect(document.documentElement.classList).toContain(FIT_HEIGHT_CLASS);
    expect(observed).toEqual([document.documentElement]);

    layOut(37.2);
    layOut(37.9);
    layOut(64);
    layOut(38);
    expect(sizes).toEqual([{ height: 38 }, { height: 64 }, { height: 38 }]);
  });

  it('reports no empty layout, and never more than the page would take', () => {
    const { sizes } = mountField('card.securityCode', { fitHeight: true });
    layOut(0);
    layOut(MAX_FIELD_HEIGHT * 5);
    layOut(MAX_FIELD_HEIGHT * 6);
    expect(sizes).toEqual([{ height: MAX_FIELD_HEIGHT }]);
  });

  it('does nothing of the kind for a field whose placeholder fixed its height', () => {
    const { sizes } = mountField('card.number');
    layOut(40);
    expect(observed).toEqual([]);
    expect(sizes).toEqual([]);
    expect(document.documentElement.classList).not.toContain(FIT_HEIGHT_CLASS);
  });

  it('takes fitHeight as a boolean only, and its absence (an older SDK) as false', () => {
    const options = {
      role: 'card.number',
      hub: 'c'.repeat(32),
      locale: 'en_US',
      formatCard: 'EMBOSSED',
      invalidFieldCharacters: 'REJECT',
      aria: {},
      styles: {},
    };
    expect(parseFieldOptions(options).fitHeight).toBe(false);
    expect(parseFieldOptions({ ...options, fitHeight: true }).fitHeight).toBe(true);
    for (const fitHeight of ['true', 1, null, {}])
      expect(() => parseFieldOptions({ ...options, fitHeight })).toThrow(/Invalid field options/);
  });
});

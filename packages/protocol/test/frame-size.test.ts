import { describe, expect, it } from 'vitest';
import { MAX_FIELD_HEIGHT, frameHeightOf } from '../src/frame-size.ts';

describe('frameHeightOf', () => {
  it.each([1, 38, 37.5, 0.5, MAX_FIELD_HEIGHT])('takes the height %j', (height) => {
    expect(frameHeightOf({ height })).toBe(height);
  });

  it.each([
    ['NaN', { height: NaN }],
    ['zero', { height: 0 }],
    ['negative zero', { height: -0 }],
    ['negative', { height: -40 }],
    ['over the maximum', { height: MAX_FIELD_HEIGHT + 0.5 }],
    ['huge', { height: 1e9 }],
    ['infinite', { height: Infinity }],
    ['a string', { height: '40' }],
    ['a CSS length', { height: '40px' }],
    ['a boxed number', { height: new Number(40) }],
    ['a bigint', { height: 40n }],
    ['null', { height: null }],
    ['an array', { height: [40] }],
    ['an extra key', { height: 40, width: 300 }],
    ['an extra key first', { top: 0, height: 40 }],
    ['no height', {}],
    ['an inherited height', Object.create({ height: 40 })],
    ['a bare number', 40],
    ['an array of the height', [40]],
    ['a string', 'height'],
    ['null', null],
    ['undefined', undefined],
  ])('refuses %s', (_, input) => {
    expect(frameHeightOf(input)).toBeUndefined();
  });
});

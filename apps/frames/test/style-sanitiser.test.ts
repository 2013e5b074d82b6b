import { describe, expect, it } from 'vitest';
import { sanitiseStyles } from '../src/shared/style-sanitiser.ts';

const refusedOf = (styles: Record<string, unknown>) => sanitiseStyles(styles).refused;

describe('style sanitiser', () => {
  it.each([
    ['color', '#1a2b3c'],
    ['color', 'rgba(0, 0, 0, 0.5)'],
    ['color', 'rgb(0 0 0 / 50%)'],
    ['fontFamily', '"Helvetica Neue", Arial, sans-serif'],
    ['fontFamily', "'Open Sans'"],
    ['fontSize', '16px'],
    ['fontSize', 'calc(1rem + 2px)'],
    ['font', 'italic bold 14px/1.5 Georgia, serif'],
    ['fontWeight', '600'],
    ['letterSpacing', '0.05em'],
    ['lineHeight', '1.4'],
    ['padding', '4px 8px'],
    ['paddingLeft', '12px'],
    ['textAlign', 'center'],
    ['textShadow', '0 1px 2px hsl(0, 0%, 0%)'],
    ['textTransform', 'uppercase'],
    ['opacity', '0.8'],
    ['transition', 'color 0.2s cubic-bezier(0.4, 0, 0.2, 1)'],
    ['backgroundColor', 'transparent'],
    ['borderBottom', '1px solid #ccc'],
    ['borderTopLeftRadius', '4px'],
    ['WebkitFontSmoothing', 'antialiased'],
    ['font-size', '15px'],
  ])('allows %s: %s', (property, value) => {
    const { declarations, refused } = sanitiseStyles({ [property]: value });
    expect(refused).toEqual([]);
    expect(declarations).toHaveLength(1);
    expect(declarations[0]?.[1]).toBe(value);
  });

  it('turns camelCase and vendor names into CSS names', () => {
    const { declarations } = sanitiseStyles({
      fontSize: '1px',
      MozOsxFontSmoothing: 'grayscale',
      color: 'red',
    });
    expect(declarations.map(([property]) => property)).toEqual([
      'font-size',
      '-moz-osx-font-smoothing',
      'color',
    ]);
  });

  it.each([
    'background',
    'backgroundImage',
    'borderImage',
    'borderImageSource',
    'listStyleImage',
    'cursor',
    'content',
    'behavior',
    'MozBinding',
    '-moz-binding',
    'mozBinding',
    'position',
    'display',
    'width',
    'height',
    'zIndex',
    'transform',
    'filter',
    'mask',
    'visibility',
    'fontFace',
    'src',
    'Color',
    'font_size',
    '--custom',
    'color;background',
  ])('refuses the property %s', (property) => {
    expect(refusedOf({ [property]: 'red' })).toEqual([property]);
  });

  it.each([
    'url(https://evil.test/leak)',
    'URL(https://evil.test/leak)',
    'red url(x)',
    'expression(alert(1))',
    'EXPRESSION(alert(1))',
    'javascript:alert(1)',
    '\\75 rl(https://evil.test)',
    '\\000075rl(x)',
    'u\\rl(x)',
    '@import "https://evil.test/x.css"',
    '@font-face',
    '</style><script>alert(1)</script>',
    '<img src=x>',
    'red;background:url(x)',
    ';background:url(x)',
    'red } body { background: url(x) } #x {',
    'red /* comment */',
    'red !important',
    'image-set("x.png" 1x)',
    '-webkit-image-set(url(x) 1x)',
    'cross-fade(url(a), url(b), 50%)',
    'element(#secret)',
    'attr(value)',
    'var(--x)',
    'env(safe-area-inset-top)',
    'src("x")',
    'paint(leak)',
    'ｕｒｌ(x)',
    'u\u200Brl(x)',
    'red\u0000',
    'red\nbackground: url(x)',
    'red\u2028',
    'red\u202Eblue',
    '(1px)',
    'x'.repeat(201),
  ])('refuses the value %j', (value) => {
    expect(refusedOf({ color: value })).toEqual(['color']);
  });

  it('refuses values that are not strings', () => {
    expect(refusedOf({ fontSize: 16, color: { toString: () => 'red' }, opacity: null })).toEqual([
      'fontSize',
      'color',
      'opacity',
    ]);
  });

  it('keeps the good declarations of a mixed set', () => {
    const { declarations, refused } = sanitiseStyles({
      color: 'red',
      background: 'url(x)',
      fontSize: '12px',
      fontFamily: 'x;y',
    });
    expect(declarations).toEqual([
      ['color', 'red'],
      ['font-size', '12px'],
    ]);
    expect(refused).toEqual(['background', 'fontFamily']);
  });
});

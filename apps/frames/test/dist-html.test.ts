import { FRAME_CONFIG_MARKER } from '@hosted-session/protocol';
import { describe, expect, it } from 'vitest';
import { readBuiltPage } from './dist.ts';

/** What the gateway relies on when it serves the built pages under the strict frame CSP. */
describe.each(['field.html', 'hub.html'])('built %s', (page) => {
  it('has the config marker in its head, once', () => {
    const html = readBuiltPage(page);
    const head = html.slice(0, html.indexOf('</head>'));
    expect(head.split(FRAME_CONFIG_MARKER)).toHaveLength(2);
  });

  it('has nothing inline that the CSP would block', () => {
    const html = readBuiltPage(page);
    for (const script of html.matchAll(/<script\b[^>]*>/g)) expect(script[0]).toMatch(/\ssrc="/);
    expect(html).not.toMatch(/<style\b/i);
    expect(html).not.toMatch(/\sstyle=/i);
    expect(html).not.toMatch(/\son[a-z]+=/i);
  });

  it('loads its assets by relative URL, from its own folder', () => {
    const html = readBuiltPage(page);
    const urls = [...html.matchAll(/\s(?:src|href)="([^"]+)"/g)].map((match) => match[1]);
    expect(urls.length).toBeGreaterThan(0);
    for (const url of urls) expect(url).toMatch(/^\.\/assets\/[\w-]+\.(js|css)$/);
  });
});

import { FRAME_CONFIG_MARKER, THREEDS_CONFIG_ELEMENT_ID, jsonDataScript } from '@hosted-session/protocol';
import { withIntegrity } from '../form/integrity.ts';
import type { StaticFile } from '../form/static-files.ts';
import { THREEDS_PATHS } from './paths.ts';

/** Where the server-rendered part of a page goes, in the built templates (apps/frames/threeds-*.html). */
export const CONTENT_MARKER = '<!--hs-content-->';

export const THREEDS_PAGES = [
  'threeds-interceptor.html',
  'threeds-relay.html',
  'threeds-challenge.html',
] as const;
export type ThreeDSPage = (typeof THREEDS_PAGES)[number];

/** A built page: its configuration block and server-rendered content go in at the markers. */
export type PageTemplate = (parts: { config?: unknown; content?: string }) => string;

/**
 * Prepares a built page once: its script and stylesheet tags carry their assets' integrity, its relative
 * asset URLs point at the gateway's 3-D Secure assets (the pages are served at several depths), and it is
 * split at its markers so each request only joins strings.
 */
export function pageTemplate(file: StaticFile, integrity: ReadonlyMap<string, string>): PageTemplate {
  const html = withIntegrity(file, integrity).replaceAll('"./assets/', `"${THREEDS_PATHS.assets}/`);
  const [head, rest = ''] = split(html, FRAME_CONFIG_MARKER);
  const [middle, tail = ''] = split(rest, CONTENT_MARKER);
  return ({ config, content = '' }) =>
    head +
    (config === undefined ? '' : jsonDataScript(THREEDS_CONFIG_ELEMENT_ID, config)) +
    middle +
    content +
    tail;
}

function split(html: string, marker: string): [string, string?] {
  const at = html.indexOf(marker);
  return at < 0 ? [html] : [html.slice(0, at), html.slice(at + marker.length)];
}

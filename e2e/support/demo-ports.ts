/** The demo checkouts under test: beside `npm start`'s 4700 and 4701, pointed at the test gateway. */
export const DEMO_PORT = Number(process.env.E2E_DEMO_PORT ?? 4720);
export const SPA_PORT = Number(process.env.E2E_SPA_PORT ?? 4721);
export const DEMO_URL = `http://localhost:${DEMO_PORT}`;
export const SPA_URL = `http://localhost:${SPA_PORT}`;
/** The tests' development build of the SPA, where StrictMode mounts every component twice. */
export const SPA_DEV_DIST = new URL('../../.test-output/spa-dev', import.meta.url).pathname;
/** Where the checkout screenshots are kept for people to look at. */
export const SCREENSHOT_DIR = new URL('../../.test-output/screenshots', import.meta.url).pathname;

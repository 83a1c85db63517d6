export { chromiumPath, hasChromium, launchChromium } from './chromium';
export { freePort } from './free-port';
export { postgresAvailable, type Service, startPostgres, stopChild, which } from './postgres';

export { chromiumPath, hasChromium, launchChromium } from './chromium';
export { freePort } from './free-port';

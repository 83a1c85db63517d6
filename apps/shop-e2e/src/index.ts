export { call, cashierAction, createOrder, getOrder, type OrderView, waitForOrder } from './api';
export { hasChromium, launchBrowser, waitForText, withPage } from './browser';
export { describeShop, type ShopUnderTest } from './describe-shop';
export { freePort, type RunningShop, type StartOptions, type StartShop, shopProcess } from './process';

export { createMarketplaceApp, type MarketplaceAppOptions } from './app';
export { MarketplaceRecords, type Order, type Seller } from './records';
export { COMMISSION_PERCENT, ITEM, MarketplaceService } from './service';
export { type RunningMarketplace, type StartMarketplaceOptions, startMarketplace } from './start';

import { describeShop } from './describe-shop';
import { shopProcess } from './process';

describeShop({ name: 'koa', start: shopProcess('koa-shop') });

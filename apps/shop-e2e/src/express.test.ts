import { describeShop } from './describe-shop';
import { shopProcess } from './process';

describeShop({ name: 'express', start: shopProcess('express-shop') });

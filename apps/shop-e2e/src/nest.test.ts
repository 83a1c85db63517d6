import { describeShop } from './describe-shop';
import { shopProcess } from './process';

describeShop({ name: 'nest', start: shopProcess('nest-shop') });

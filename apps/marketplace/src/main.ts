import { startMarketplace } from './start';

const running = await startMarketplace();
console.log(`Marketplace on ${running.url}`);
if (running.sandbox) console.log(`Antom sandbox dashboard: ${running.sandbox.url}/`);
if (!process.env.ADMIN_TOKEN) console.log(`Operator token (set ADMIN_TOKEN to choose one): ${running.adminToken}`);
const stop = () => {
  void running.close().then(() => process.exit(0));
};
process.once('SIGINT', stop);
process.once('SIGTERM', stop);

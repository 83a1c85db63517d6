const lib = require('@antomkit/nestjs');
require('./run.cjs')(lib).then(
  (result) => console.log(JSON.stringify({ format: 'cjs', ...result })),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);

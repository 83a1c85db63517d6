import { type Io } from './io';

/** Row counter on stderr, only when stderr is a TTY (or ANTOM_PROGRESS=1); rewrites one line. */
export function progress(io: Io, label: string) {
  const on = io.stderr.isTTY === true || io.env.ANTOM_PROGRESS === '1';
  let count = 0;
  let last = 0;
  return {
    tick() {
      count++;
      if (on && count - last >= 100_000) {
        last = count;
        io.stderr.write(`\r${label}: ${count.toLocaleString('en-US')} rows`);
      }
    },
    done() {
      if (on && last > 0) io.stderr.write(`\r${label}: ${count.toLocaleString('en-US')} rows, done\n`);
    },
  };
}

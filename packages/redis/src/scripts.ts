import { createHash } from 'node:crypto';

export interface LuaScript {
  source: string;
  sha: string;
}

function lua(source: string): LuaScript {
  return { source, sha: createHash('sha1').update(source).digest('hex') };
}

/** Take the key with a lease, or say whether the copy that holds it finished (`done`) or is running (`busy`). */
export const CLAIM = lua(`
if redis.call('SET', KEYS[1], 'processing', 'PX', ARGV[1], 'NX') then return 'claimed' end
if redis.call('GET', KEYS[1]) == 'done' then return 'done' end
return 'busy'
`);

/** Forget a claim, but never a completed key. */
export const RELEASE = lua(`
if redis.call('GET', KEYS[1]) == 'processing' then return redis.call('DEL', KEYS[1]) end
return 0
`);

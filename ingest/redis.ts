import { Redis } from 'ioredis';

/** The Redis the queue lives on: `REDIS_URL`, default `redis://127.0.0.1:6379`. */
export function redisUrl(env: NodeJS.ProcessEnv = process.env): string {
  return env.REDIS_URL || 'redis://127.0.0.1:6379';
}

/**
 * A connection for BullMQ. `maxRetriesPerRequest: null` lets commands wait through a Redis
 * restart instead of failing (BullMQ requires it for workers).
 */
export function connectRedis(url: string): Redis {
  return new Redis(url, { maxRetriesPerRequest: null });
}

/** Whether a Redis server answers PING at `url` within `timeoutMs`; never retries. */
export async function redisAnswers(url: string, timeoutMs = 1500): Promise<boolean> {
  const probe = new Redis(url, {
    lazyConnect: true,
    connectTimeout: timeoutMs,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
    enableOfflineQueue: false,
  });
  probe.on('error', () => {}); // the answer is the result, not an event
  try {
    await probe.connect();
    return (await probe.ping()) === 'PONG';
  } catch {
    return false;
  } finally {
    probe.disconnect();
  }
}

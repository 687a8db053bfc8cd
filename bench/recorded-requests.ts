import type { Meilisearch } from 'meilisearch';

/** A request a search sent to Meilisearch: its route and JSON body, as the HTTP API takes them. */
export interface MeiliRequest {
  path: string;
  body: unknown;
}

/**
 * A Meilisearch client that notes every search request it sends (single searches, facet
 * searches and multi-searches), so that a bench can send the very same requests straight to
 * the server and compare. Everything else passes through untouched.
 */
export function recordingClient(client: Meilisearch, requests: MeiliRequest[]): Meilisearch {
  return new Proxy(client, {
    get(target, property, receiver) {
      if (property === 'multiSearch') {
        return (body: unknown, ...rest: unknown[]) => {
          requests.push({ path: '/multi-search', body });
          return (target.multiSearch as (...args: unknown[]) => unknown)(body, ...rest);
        };
      }
      if (property === 'index') return (uid: string) => recordingIndex(target.index(uid), uid, requests);
      const value = Reflect.get(target, property, receiver);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

function recordingIndex<T extends object>(index: T, uid: string, requests: MeiliRequest[]): T {
  return new Proxy(index, {
    get(target, property, receiver) {
      const value = Reflect.get(target, property, receiver);
      if (typeof value !== 'function') return value;
      if (property === 'search') {
        return (q: string, params: object = {}, ...rest: unknown[]) => {
          requests.push({ path: `/indexes/${uid}/search`, body: { q, ...params } });
          return value.call(target, q, params, ...rest);
        };
      }
      if (property === 'searchForFacetValues') {
        return (params: object, ...rest: unknown[]) => {
          requests.push({ path: `/indexes/${uid}/facet-search`, body: params });
          return value.call(target, params, ...rest);
        };
      }
      return value.bind(target);
    },
  });
}

/**
 * Sends requests to Meilisearch over plain HTTP, one after the other as the search did, and
 * returns the bytes of the last response (the one whose hits a search returns, in most cases).
 */
export async function sendStraight(url: string, key: string, requests: MeiliRequest[]): Promise<number> {
  let bytes = 0;
  for (const request of requests) {
    const response = await fetch(`${url}${request.path}`, {
      method: 'POST',
      // Uncompressed, as our client asks (index/meili-client.ts): gzip alone costs Meilisearch tens of milliseconds.
      headers: { 'content-type': 'application/json', 'accept-encoding': 'identity', authorization: `Bearer ${key}` },
      body: JSON.stringify(request.body),
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`${request.path}: ${response.status} ${text.slice(0, 200)}`);
    bytes = Buffer.byteLength(text);
  }
  return bytes;
}

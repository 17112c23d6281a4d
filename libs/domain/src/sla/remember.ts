/**
 * Stores `value` under `key` in a cache of pure answers and returns it. A full cache is emptied
 * rather than evicted entry by entry: it refills with what is asked now, and stays bounded even
 * when the keys come from requests.
 */
export function remember<K, V>(cache: Map<K, V>, limit: number, key: K, value: V): V {
  if (cache.size >= limit) cache.clear();
  cache.set(key, value);
  return value;
}

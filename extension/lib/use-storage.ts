import { useSyncExternalStore } from 'react';
import { browser } from './browser';
import { type ItemsOf, readItem, type StorageAreaName } from './storage';

/** A stored item as a view sees it: nothing until the first read, then its value (maybe absent). */
export type Loadable<V> = { loaded: false } | { loaded: true; value: V | undefined };

interface Store<V> {
  subscribe(listener: () => void): () => void;
  getSnapshot(): Loadable<V>;
}

const stores = new Map<string, Store<unknown>>();
const NOT_LOADED = { loaded: false } as const;

/**
 * One stored item as an external store for `useSyncExternalStore`: read once, then followed
 * through `storage.onChanged`. Views render purely from it, so a popup opened mid-call shows the
 * call as the background last wrote it.
 */
export function storageStore<A extends StorageAreaName, K extends keyof ItemsOf<A> & string>(
  area: A,
  key: K,
): Store<ItemsOf<A>[K]> {
  const id = `${area}:${key}`;
  const existing = stores.get(id);
  if (existing) return existing as Store<ItemsOf<A>[K]>;

  let snapshot: Loadable<ItemsOf<A>[K]> = NOT_LOADED;
  const listeners = new Set<() => void>();
  const set = (value: ItemsOf<A>[K] | undefined) => {
    snapshot = { loaded: true, value };
    for (const listener of listeners) listener();
  };
  const onChanged = (changes: Record<string, { newValue?: unknown }>, changedArea: string) => {
    if (changedArea === area && key in changes) set(changes[key]?.newValue as ItemsOf<A>[K] | undefined);
  };
  const store: Store<ItemsOf<A>[K]> = {
    subscribe(listener) {
      listeners.add(listener);
      if (listeners.size === 1) {
        browser.storage.onChanged.addListener(onChanged);
        void readItem(area, key).then((value) => {
          // A change that arrived first is newer than this read.
          if (!snapshot.loaded) set(value);
        });
      }
      return () => {
        listeners.delete(listener);
        if (listeners.size === 0) {
          browser.storage.onChanged.removeListener(onChanged);
          snapshot = NOT_LOADED;
        }
      };
    },
    getSnapshot: () => snapshot,
  };
  stores.set(id, store as Store<unknown>);
  return store;
}

export function useStorageItem<A extends StorageAreaName, K extends keyof ItemsOf<A> & string>(
  area: A,
  key: K,
): Loadable<ItemsOf<A>[K]> {
  const store = storageStore(area, key);
  return useSyncExternalStore(store.subscribe, store.getSnapshot);
}

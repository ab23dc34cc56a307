import type { Adapter } from './adapter';
import { kanbanTextAdapter } from './kanban-text';
import { listCellAdapter, listColumnAdapter } from './list-cell';
import { phoneFieldAdapter } from './phone-field';
import { telLinkAdapter } from './tel-link';

export type { Adapter } from './adapter';

/** Every surface that gets call buttons, most specific first. */
export const ADAPTERS: readonly Adapter[] = [
  phoneFieldAdapter,
  listCellAdapter,
  listColumnAdapter,
  telLinkAdapter,
  kanbanTextAdapter,
];

/**
 * Page-side helpers for the content-script benchmark, installed in the page with
 * page.addInitScript (so: self-contained, no imports). They render an Odoo 17-like list view
 * the way Odoo does (new nodes from data, never copies of the annotated DOM) and change it like
 * Odoo's pager and re-renders do. Numbers come in the formats Odoo shows (international and
 * national); a quarter of the mobile cells are empty, as in real data.
 */
export interface BenchOdoo {
  /** Renders a list of `rows` rows into the action manager; returns when the DOM is in place. */
  renderList(rows: number, seed: number): void;
  /** Replaces `count` rows starting at `start` with new records (a page change). */
  replaceRows(start: number, count: number, seed: number): void;
  /** Replaces every row with a fresh rendering of the same records (a full re-render). */
  rerenderAll(seed: number): void;
  /**
   * Phone cells whose number has exactly one call button / more than one / none: all of them,
   * or (`near`) only those within that many pixels of the visible part of the list's pane.
   */
  buttonCoverage(near?: number): {
    phoneCells: number;
    withOne: number;
    withMore: number;
    without: number;
    hosts: number;
  };
  /** Scrolls the list's pane (Odoo's `.o_content`) one screen down; false when at the bottom. */
  scrollOneScreen(): boolean;
  /** Scrolls the list's pane back to the top. */
  scrollToTop(): void;
  /** Resolves once the browser rendered two more frames (observers fed by rendering have run). */
  twoFrames(): Promise<void>;
  /** An Odoo-like page shell without the content script (the generic scanner's page). */
  shell(): void;
}

declare global {
  interface Window {
    benchOdoo: BenchOdoo;
    /** Milliseconds the last mutation batch took to reach observers created after the content script's. */
    lastBatchEnd: number;
  }
}

export function installOdooListPage(): void {
  const FORMATS = [
    (n: number) => `+1 813 ${String(100 + (n % 900))} ${String(1000 + (n % 9000))}`,
    (n: number) => `+32 10 ${String(100 + (n % 900))} ${String(100 + ((n * 7) % 900))}`,
    (n: number) =>
      `+33 1 25 ${String(10 + (n % 90))} ${String(10 + ((n * 3) % 90))} ${String(10 + ((n * 7) % 90))}`,
    (n: number) =>
      `0470 ${String(10 + (n % 90))} ${String(10 + ((n * 3) % 90))} ${String(10 + ((n * 7) % 90))}`,
  ];
  const COLUMNS = ['name', 'email_from', 'phone', 'mobile', 'city', 'user_id'] as const;
  const LABELS = ['Lead', 'Email', 'Phone', 'Mobile', 'City', 'Salesperson'];
  const CITIES = ['Brussels', 'Paris', 'Tampa', 'Lyon', 'Madrid', 'Roma'];

  function cellText(column: (typeof COLUMNS)[number], record: number): string {
    switch (column) {
      case 'name':
        return `Opportunity ${record}: ${record % 3 === 0 ? 'Office Design' : 'Need 20 Desks'}`;
      case 'email_from':
        return `contact${record}@customer${record % 50}.example.com`;
      case 'phone':
        return FORMATS[record % 4]?.(record) ?? '';
      case 'mobile':
        return record % 4 === 3 ? '' : (FORMATS[(record + 3) % 4]?.(record * 13) ?? '');
      case 'city':
        return CITIES[record % CITIES.length] ?? '';
      case 'user_id':
        return record % 2 ? 'Mitchell Admin' : 'Marc Demo';
    }
  }

  function row(record: number): HTMLTableRowElement {
    const tr = document.createElement('tr');
    tr.className = 'o_data_row';
    tr.dataset.id = `datapoint_${record}`;
    const selector = document.createElement('td');
    selector.className = 'o_list_record_selector user-select-none';
    const checkbox = document.createElement('input');
    checkbox.type = 'checkbox';
    checkbox.className = 'form-check-input';
    selector.append(checkbox);
    tr.append(selector);
    for (const column of COLUMNS) {
      const td = document.createElement('td');
      td.className = 'o_data_cell cursor-pointer o_field_cell o_list_char';
      td.tabIndex = -1;
      td.setAttribute('name', column);
      const text = cellText(column, record);
      td.dataset.tooltip = text;
      td.textContent = text;
      tr.append(td);
    }
    return tr;
  }

  /** Odoo's layout: the web client fills the window and the view's `.o_content` scrolls. */
  const LAYOUT = `
    html, body { height: 100%; margin: 0; }
    .o_action_manager { height: 100%; display: flex; flex-direction: column; }
    .o_action { flex: 1; min-height: 0; display: flex; flex-direction: column; }
    .o_content { flex: 1; overflow: auto; }
    td, th { padding: 4px 8px; white-space: nowrap; }`;

  function pane(): HTMLElement {
    const content = document.querySelector<HTMLElement>('.o_content');
    if (!content) throw new Error('no list rendered');
    return content;
  }

  function shell(): void {
    document.body.className = 'o_web_client';
    document.body.replaceChildren();
    const style = document.createElement('style');
    style.textContent = LAYOUT;
    document.head.append(style);
    const manager = document.createElement('div');
    manager.className = 'o_action_manager';
    const components = document.createElement('div');
    components.className = 'o-main-components-container';
    document.body.append(manager, components);
  }

  function tbody(): HTMLTableSectionElement {
    const body = document.querySelector('tbody');
    if (!body) throw new Error('no list rendered');
    return body;
  }

  window.benchOdoo = {
    shell,
    renderList(rows, seed) {
      const table = document.createElement('table');
      table.className = 'o_list_table table table-sm table-hover';
      const head = table.createTHead().insertRow();
      head.append(document.createElement('th'));
      COLUMNS.forEach((column, index) => {
        const th = document.createElement('th');
        th.dataset.name = column;
        th.textContent = LABELS[index] ?? column;
        head.append(th);
      });
      const body = table.createTBody();
      for (let index = 0; index < rows; index++) body.append(row(seed + index));
      const view = document.createElement('div');
      view.className = 'o_list_view o_view_controller o_action';
      const content = document.createElement('div');
      content.className = 'o_content';
      content.append(table);
      view.append(content);
      document.querySelector('.o_action_manager')?.replaceChildren(view);
    },
    replaceRows(start, count, seed) {
      const rows = Array.from(tbody().rows).slice(start, start + count);
      const fresh = rows.map((_, index) => row(seed + index));
      for (const [index, old] of rows.entries()) old.replaceWith(fresh[index] as HTMLTableRowElement);
    },
    rerenderAll(seed) {
      const body = tbody();
      const count = body.rows.length;
      const fresh: HTMLTableRowElement[] = [];
      for (let index = 0; index < count; index++) fresh.push(row(seed + index));
      body.replaceChildren(...fresh);
    },
    buttonCoverage(near) {
      let phoneCells = 0;
      let withOne = 0;
      let withMore = 0;
      let without = 0;
      const visible = near === undefined ? null : pane().getBoundingClientRect();
      for (const cell of document.querySelectorAll('td[name="phone"], td[name="mobile"]')) {
        if (!cell.textContent?.trim()) continue;
        if (visible && near !== undefined) {
          const box = cell.getBoundingClientRect();
          if (box.bottom < visible.top - near || box.top > visible.bottom + near) continue;
        }
        phoneCells++;
        const buttons = Array.from(cell.querySelectorAll('odoo-click-to-call')).filter(
          (host) => host.shadowRoot?.querySelector('button') && !(host as HTMLElement).hidden,
        ).length;
        if (buttons === 1) withOne++;
        else if (buttons > 1) withMore++;
        else without++;
      }
      return {
        phoneCells,
        withOne,
        withMore,
        without,
        hosts: document.querySelectorAll('odoo-click-to-call').length,
      };
    },
    scrollOneScreen() {
      const content = pane();
      const before = content.scrollTop;
      content.scrollTop = before + content.clientHeight;
      return content.scrollTop > before;
    },
    scrollToTop() {
      pane().scrollTop = 0;
    },
    twoFrames() {
      return new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => resolve())));
    },
  };
}

/**
 * What the content script needs from `chrome.*`, faked in the page's main world: the bundle
 * runs there instead of in an extension's isolated world. Messages are answered at once.
 */
export function installFakeExtensionApi(): void {
  const target = window as unknown as { chrome?: Record<string, unknown> };
  const api = target.chrome ?? {};
  target.chrome = api;
  api.runtime = { id: 'bench', sendMessage: async () => ({ ok: true, data: null }) };
  api.i18n = {
    getMessage: (key: string, substitutions?: string[]) =>
      key === 'pageCallButton' ? `Call ${substitutions?.[0] ?? ''}` : key,
  };
  api.storage = {
    session: { get: async () => ({}) },
    onChanged: { addListener() {}, removeListener() {} },
  };
}

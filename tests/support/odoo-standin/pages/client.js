/*
 * The demo pages' script (served as /__demo/client.js). Like Odoo's web client it navigates
 * without reloading the page (links and list rows swap the action manager's content and push
 * the URL), so the extension's content script has to follow, as it must in Odoo. Also: the 17.0
 * `/web#…` shell loads the view its hash names, and the "Simulate an incoming call" button asks
 * the stand-in to have the record's customer call the company number.
 */
(() => {
  const isShell = () => location.pathname === '/web';

  /** Shows the view of `url` in place of the current one (the URL first, as Odoo's router does). */
  async function show(url, { push }) {
    const response = await fetch(url, { headers: { Accept: 'text/html' } });
    const page = new DOMParser().parseFromString(await response.text(), 'text/html');
    const next = page.querySelector('.o_action_manager');
    const current = document.querySelector('.o_action_manager');
    if (!next || !current) {
      location.assign(url);
      return;
    }
    if (push) history.pushState(null, '', url);
    document.title = page.title;
    const navbar = page.querySelector('.o_navbar');
    document.querySelector('.o_navbar')?.replaceWith(document.importNode(navbar, true));
    current.replaceChildren(...Array.from(next.childNodes, (node) => document.importNode(node, true)));
  }

  function showShellView() {
    return show(`/__demo/view?${location.hash.slice(1)}`, { push: false });
  }

  async function simulateIncomingCall(button) {
    const status = button.parentElement?.querySelector('.o_demo_call_in_status');
    const say = (text, state) => {
      if (!status) return;
      status.textContent = text;
      status.dataset.state = state;
    };
    button.disabled = true;
    say('Calling the company number…', 'busy');
    try {
      const response = await fetch('/__demo/incoming-call', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ model: button.dataset.model, id: Number(button.dataset.id) }),
      });
      const body = await response.json().catch(() => null);
      if (!response.ok) throw new Error(body?.error?.message ?? `HTTP ${response.status}`);
      say(`${body.name} is calling the company number (${body.from}).`, 'done');
    } catch (error) {
      say(
        `The call could not be simulated: ${error instanceof Error ? error.message : String(error)}`,
        'error',
      );
    } finally {
      button.disabled = false;
    }
  }

  document.addEventListener('click', (event) => {
    if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey)
      return;
    const target = event.target instanceof Element ? event.target : null;
    const callIn = target?.closest('[data-demo-call-in]');
    if (callIn) {
      void simulateIncomingCall(callIn);
      return;
    }
    if (target?.closest('.o_list_record_selector, input, textarea, button')) return;
    const href =
      target?.closest('a[href^="/odoo"]')?.getAttribute('href') ??
      target?.closest('tr[data-demo-href]')?.getAttribute('data-demo-href');
    if (!href) return;
    event.preventDefault();
    show(href, { push: true }).catch(() => location.assign(href));
  });

  window.addEventListener('popstate', () => {
    if (isShell()) return;
    show(location.pathname, { push: false }).catch(() => location.reload());
  });
  window.addEventListener('hashchange', () => {
    if (isShell()) showShellView().catch(() => location.reload());
  });
  if (isShell()) showShellView().catch(() => undefined);
})();

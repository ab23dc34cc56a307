// The worker's default export as `import { exports } from 'cloudflare:workers'` sees it in tests.
declare namespace Cloudflare {
  interface Exports {
    default: Fetcher;
  }
}

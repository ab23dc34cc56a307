/**
 * The extension settings an admin can preset and lock with Chrome policy (DESIGN.md, "Extension
 * settings"): read by the extension from `chrome.storage.managed`, written into policy templates
 * by `npm run package`. MANAGED_SCHEMA is the JSON Schema Chrome wants as the manifest's
 * `storage.managed_schema` (top level an object of policies, no additionalProperties).
 */
export const MANAGED_POLICY_KEYS = ['workerUrl', 'odooUrl', 'defaultCountry'] as const;

export type ManagedPolicyKey = (typeof MANAGED_POLICY_KEYS)[number];

export type ManagedPolicy = Partial<Record<ManagedPolicyKey, string>>;

export const MANAGED_SCHEMA = {
  type: 'object',
  properties: {
    workerUrl: {
      title: 'Worker URL',
      description: 'Base URL of the click-to-call worker, e.g. https://odoo-click-to-call.acme.workers.dev',
      type: 'string',
    },
    odooUrl: {
      title: 'Odoo URL',
      description: 'Your Odoo, e.g. https://acme.odoo.com',
      type: 'string',
    },
    defaultCountry: {
      title: 'Default country',
      description: 'ISO 3166 code (e.g. FR) used for numbers written without an international prefix',
      type: 'string',
    },
  },
} as const satisfies {
  type: 'object';
  properties: Record<ManagedPolicyKey, { title: string; description: string; type: 'string' }>;
};

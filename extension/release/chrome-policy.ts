import { MANAGED_POLICY_KEYS, type ManagedPolicy } from '../../shared/managed-policy';

/**
 * Chrome policy templates that force-install the extension and preset its managed settings
 * (docs/admin-guide.md, "Roll the extension out"). One policy, three shapes:
 * - chrome-policy.json: Chrome's JSON policy format, as read from /etc/opt/chrome/policies/managed/
 *   on Linux; the reference the other shapes are made from;
 * - google-admin-policy.json: the "Policy for extensions" box of the Google Admin console;
 * - windows-policy.reg: the same keys for the Windows registry (import it, or copy the values
 *   into a GPO).
 */

/** The Chrome Web Store's update URL: force-install from the store. */
export const WEB_STORE_UPDATE_URL = 'https://clients2.google.com/service/update2/crx';

export interface PolicyInput {
  extensionId: string;
  updateUrl: string;
  settings: ManagedPolicy;
}

export function chromePolicy({ extensionId, updateUrl, settings }: PolicyInput) {
  return {
    ExtensionSettings: {
      [extensionId]: {
        installation_mode: 'force_installed',
        update_url: updateUrl,
        toolbar_pin: 'force_pinned',
      },
    },
    '3rdparty': { extensions: { [extensionId]: settings } },
  };
}

export function googleAdminPolicy(settings: ManagedPolicy): Record<string, { Value: string }> {
  return Object.fromEntries(
    Object.entries(settings).map(([key, value]) => [key, { Value: value as string }]),
  );
}

/** A .reg string value: backslashes and quotes escaped. */
function regString(value: string): string {
  return `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

export function windowsPolicyReg(input: PolicyInput): string {
  const chrome = 'HKEY_LOCAL_MACHINE\\Software\\Policies\\Google\\Chrome';
  const { ExtensionSettings } = chromePolicy(input);
  return [
    'Windows Registry Editor Version 5.00',
    '',
    `[${chrome}]`,
    `"ExtensionSettings"=${regString(JSON.stringify(ExtensionSettings))}`,
    '',
    `[${chrome}\\3rdparty\\extensions\\${input.extensionId}\\policy]`,
    ...Object.entries(input.settings).map(
      ([key, value]) => `${regString(key)}=${regString(value as string)}`,
    ),
    '',
  ].join('\r\n');
}

interface SchemaLike {
  type?: unknown;
  properties?: Record<string, { type?: unknown }>;
}

/**
 * Problems with `settings` against a managed_schema (empty when it conforms): every key must be a
 * declared policy of the right type. Chrome drops a policy that does not match the schema, so the
 * extension would silently ignore it.
 */
export function policyProblems(settings: ManagedPolicy, schema: SchemaLike): string[] {
  const properties = schema.properties ?? {};
  return Object.entries(settings).flatMap(([key, value]) => {
    const declared = properties[key];
    if (!declared) return [`"${key}" is not a policy of the extension's managed_schema`];
    if (declared.type !== typeof value) return [`"${key}" should be a ${String(declared.type)}`];
    return [];
  });
}

/** Only DESIGN.md's policy keys, in their fixed order, without the ones left empty. */
export function managedSettings(values: ManagedPolicy): ManagedPolicy {
  return Object.fromEntries(
    MANAGED_POLICY_KEYS.flatMap((key) => (values[key] ? [[key, values[key]] as const] : [])),
  );
}

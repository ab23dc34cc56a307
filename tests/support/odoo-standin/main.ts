/**
 * Runs the Odoo stand-in on its own, for the local demo or to poke at it:
 *
 *   npx tsx tests/support/odoo-standin/main.ts --port 8069 [--version 18.3] [--db odoo_test] [--host 127.0.0.1]
 *
 * Prints its URL, database and the (fake) credentials, then serves until Ctrl-C.
 */
import { parseArgs } from 'node:util';
import { type StandinUser, startOdooStandin } from './index';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '8069' },
    host: { type: 'string', default: '127.0.0.1' },
    version: { type: 'string', default: '17.0' },
    db: { type: 'string', default: 'odoo_test' },
  },
});

const port = Number(values.port);
if (!Number.isInteger(port) || port < 0 || port > 65_535) {
  console.error(`--port must be a port number, not ${values.port}`);
  process.exit(2);
}
if (values.version !== '17.0' && values.version !== '18.3') {
  console.error(`--version must be 17.0 or 18.3, not ${values.version}`);
  process.exit(2);
}

const standin = await startOdooStandin({ port, host: values.host, version: values.version, db: values.db });
const { credentials } = standin;
const row = (role: string, user: StandinUser) =>
  `  ${role.padEnd(10)} uid ${String(user.uid).padEnd(3)} ${user.login.padEnd(28)} password ${(user.password ?? '(API key only)').padEnd(26)} API key ${user.apiKey}  (${user.name}, ${user.lang})`;

console.log(
  [
    `Odoo ${standin.version} stand-in at ${standin.url}`,
    `  database  ${standin.db}`,
    `  JSON-RPC  ${standin.url}/jsonrpc`,
    `  control   ${standin.url}/__standin/info`,
    'Users (fake credentials):',
    row('service', credentials.service),
    row('admin', credentials.admin),
    ...Object.entries(credentials.agents).map(([name, user]) => row(name, user)),
    row('archived', credentials.archived),
    row('portal', credentials.portal),
    row('accountant', credentials.accountant),
    'Worker settings:',
    `  ODOO_URL=${standin.url} ODOO_DB=${standin.db} ODOO_LOGIN=${credentials.service.login} ODOO_API_KEY=${credentials.service.apiKey}`,
  ].join('\n'),
);

const stop = async () => {
  await standin.close();
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);

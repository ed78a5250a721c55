// Run by the deploy tests next to an unpacked Lambda bundle, with no node_modules in reach:
// imports the handler file, invokes it once and prints one result line.
import { pathToFileURL } from 'node:url';

const [file, event] = process.argv.slice(2);
const mod = await import(pathToFileURL(file).href);
let outcome;
try {
  outcome = { ok: true, value: await mod.handler(JSON.parse(event), { awsRequestId: 'probe' }) };
} catch (error) {
  outcome = { ok: false, name: error.name, message: error.message };
}
console.log(`PROBE ${JSON.stringify({ exports: Object.keys(mod).sort(), outcome })}`);

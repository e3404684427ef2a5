// Module resolution hook: `electron` resolves to the stub next to this file, for ES modules loaded after
// module.register() (the built main process imports it as a bare specifier, as it would inside Electron).
const STUB_URL = new URL('./electron.mjs', import.meta.url).href;

export async function resolve(specifier, context, nextResolve) {
  if (specifier === 'electron') return { url: STUB_URL, shortCircuit: true };
  return nextResolve(specifier, context);
}

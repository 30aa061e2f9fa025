// Worker entry used only when the toys run from TypeScript sources (vitest, tsx, `npm run bench`):
// worker threads do not inherit the tsx loader of the main thread, so this plain-JS file registers it
// and loads worker.ts. The built CLI never loads this file (pool.ts picks dist/toys/worker.js).
import { register } from 'tsx/esm/api';

register();
const mod = await import('./worker.ts');
export default mod.default;

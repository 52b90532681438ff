// Measures the JavaScript a browser downloads on the first visit, from the built files (dist/ and its manifest):
// the entry chunk and everything it imports statically, plus the chunks of the screen the visit opens. Sizes are
// those of the Brotli (.br) and gzip (.gz) copies the server sends. Fails when the workbench's first visit (the
// sign-in page) or the citizen portal's first visit (its home page on a phone) is over its budget.
//   npm run bundle-size [-- --json]
import { existsSync, readFileSync, statSync } from 'node:fs'

const BUDGET_KB = 600
/** Issue 18: the portal's first visit at most 150 KB of compressed JavaScript. */
const PORTAL_BUDGET_KB = 150
const dist = new URL('../dist/', import.meta.url)
const manifestUrl = new URL('.vite/manifest.json', dist)
if (!existsSync(manifestUrl)) {
  console.error('dist/.vite/manifest.json is missing: run `npm run build` first')
  process.exit(2)
}
const manifest = JSON.parse(readFileSync(manifestUrl, 'utf8'))
const ENTRIES = { workbench: 'index.html', portal: 'portal.html' }
for (const key of Object.values(ENTRIES)) if (!manifest[key]?.isEntry) throw new Error(`${key} is not an entry of the build; update scripts/bundle-size.mjs`)

/** The chunk files a module needs before it runs: itself and its static imports, transitively. */
function closure(key, seen = new Set()) {
  const chunk = manifest[key]
  if (!chunk || seen.has(chunk.file)) return seen
  seen.add(chunk.file)
  for (const imported of chunk.imports ?? []) closure(imported, seen)
  return seen
}

function size(file, suffix) {
  const path = new URL(file + suffix, dist)
  return existsSync(path) ? statSync(path).size : statSync(new URL(file, dist)).size
}

function measure(screens, entry = ENTRIES.workbench) {
  for (const screen of screens) if (!manifest[screen]) throw new Error(`${screen} is not a chunk of the build; update scripts/bundle-size.mjs`)
  const files = new Set(closure(entry))
  for (const screen of screens) closure(screen, files)
  const js = [...files].filter((f) => f.endsWith('.js'))
  const sum = (suffix) => js.reduce((total, f) => total + size(f, suffix), 0)
  return { chunks: js.length, rawKB: +(sum('') / 1024).toFixed(1), brotliKB: +(sum('.br') / 1024).toFixed(1), gzipKB: +(sum('.gz') / 1024).toFixed(1) }
}

const SHELL = ['src/layouts/ShellLayout.vue', 'node_modules/@microsoft/signalr/dist/esm/index.js']
const visits = {
  'first visit (sign-in page)': ['src/views/LoginView.vue'],
  'after sign-in (shell + live channel + home)': [...SHELL, 'src/views/HomeView.vue'],
  'intake agent (shell + intake)': [...SHELL, 'src/views/intake/IntakeView.vue'],
  'dispatcher (shell + dispatch queue + order panel)': [...SHELL, 'src/views/dispatch/DispatchView.vue'],
  'agent (shell + knowledge search and reader)': [...SHELL, 'src/views/knowledge/KnowledgeView.vue'],
  'unit author (shell + article editor)': [...SHELL, 'src/views/knowledge/ArticleView.vue'],
  'centre manager (shell + wallboard with its chart)': [...SHELL, 'src/views/supervision/WallboardView.vue', 'src/features/supervision/LoadByUnitChart.vue'],
  'administrator (shell + calendar with its chart)': [...SHELL, 'src/views/admin/CalendarView.vue', 'src/features/calendar/WorkingDaysChart.vue'],
}
const portalVisits = {
  'citizen portal first visit (home)': [],
  'citizen portal (knowledge search)': ['src/portal/views/KnowledgeView.vue'],
}
const results = {
  ...Object.fromEntries(Object.entries(visits).map(([name, screens]) => [name, measure(screens)])),
  ...Object.fromEntries(Object.entries(portalVisits).map(([name, screens]) => [name, measure(screens, ENTRIES.portal)])),
}
if (process.argv.includes('--json')) {
  console.log(JSON.stringify({ budgetKB: BUDGET_KB, portalBudgetKB: PORTAL_BUDGET_KB, results }, null, 2))
} else {
  for (const [name, r] of Object.entries(results)) {
    console.log(`${name.padEnd(52)} ${String(r.chunks).padStart(3)} chunks  raw ${r.rawKB} KB  brotli ${r.brotliKB} KB  gzip ${r.gzipKB} KB`)
  }
}
const first = results['first visit (sign-in page)']
if (first.gzipKB > BUDGET_KB) {
  console.error(`The first visit's JavaScript is ${first.gzipKB} KB gzip: over the ${BUDGET_KB} KB budget`)
  process.exit(1)
}
const portal = results['citizen portal first visit (home)']
if (portal.gzipKB > PORTAL_BUDGET_KB) {
  console.error(`The citizen portal's first visit is ${portal.gzipKB} KB gzip: over the ${PORTAL_BUDGET_KB} KB budget`)
  process.exit(1)
}
console.log(`bundle budget: first visit ${first.brotliKB} KB brotli / ${first.gzipKB} KB gzip of ${BUDGET_KB} KB`)
console.log(`portal budget: first visit ${portal.brotliKB} KB brotli / ${portal.gzipKB} KB gzip of ${PORTAL_BUDGET_KB} KB`)

// Measures the JavaScript a browser downloads on the first visit, from the built files (dist/ and its manifest):
// the entry chunk and everything it imports statically, plus the chunks of the screen the visit opens. Sizes are
// those of the Brotli (.br) and gzip (.gz) copies the server sends. Fails when the first visit (the sign-in page)
// is over the budget.
//   npm run bundle-size [-- --json]
import { existsSync, readFileSync, statSync } from 'node:fs'

const BUDGET_KB = 600
const dist = new URL('../dist/', import.meta.url)
const manifestUrl = new URL('.vite/manifest.json', dist)
if (!existsSync(manifestUrl)) {
  console.error('dist/.vite/manifest.json is missing: run `npm run build` first')
  process.exit(2)
}
const manifest = JSON.parse(readFileSync(manifestUrl, 'utf8'))
const entryKey = Object.keys(manifest).find((k) => manifest[k].isEntry)

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

function measure(screens) {
  for (const screen of screens) if (!manifest[screen]) throw new Error(`${screen} is not a chunk of the build; update scripts/bundle-size.mjs`)
  const files = new Set(closure(entryKey))
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
const results = Object.fromEntries(Object.entries(visits).map(([name, screens]) => [name, measure(screens)]))
if (process.argv.includes('--json')) {
  console.log(JSON.stringify({ budgetKB: BUDGET_KB, results }, null, 2))
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
console.log(`bundle budget: first visit ${first.brotliKB} KB brotli / ${first.gzipKB} KB gzip of ${BUDGET_KB} KB`)

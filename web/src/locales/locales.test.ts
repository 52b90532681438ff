// @vitest-environment node
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'

const SRC = fileURLToPath(new URL('..', import.meta.url))
const CJK = /[\u3400-\u9fff\uff00-\uffef\u3000-\u303f]/

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    return statSync(path).isDirectory() ? files(path) : [path]
  })
}

/** Source without comments, so that a comment may quote a Chinese term. */
function code(text: string): string {
  return text
    .replace(/<!--[\s\S]*?-->/g, '')
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/(^|[^:'"`])\/\/.*$/gm, '$1')
}

describe('locale discipline', () => {
  it('no component or module outside src/locales writes Chinese text itself', () => {
    const offenders = files(SRC)
      .filter((f) => /\.(vue|ts)$/.test(f) && !f.endsWith('.test.ts') && !f.includes(`${join('src', 'locales')}`) && !f.includes(`${join('src', 'portal', 'locales')}`))
      .filter((f) => CJK.test(code(readFileSync(f, 'utf8'))))
    expect(offenders).toEqual([])
  })
})

import { beforeEach, describe, expect, it } from 'vitest'
import { createPinia, setActivePinia } from 'pinia'
import { i18n } from '@/i18n'
import { useLocaleStore } from './locale'

describe('locale store', () => {
  beforeEach(() => {
    localStorage.clear()
    setActivePinia(createPinia())
  })

  it('starts in Chinese', () => {
    expect(useLocaleStore().locale).toBe('zh-CN')
    expect(i18n.global.locale.value).toBe('zh-CN')
  })

  it('switches the interface language and remembers the choice in this browser', () => {
    useLocaleStore().set('en')

    expect(i18n.global.t('nav.home')).toBe('Home')
    expect(document.documentElement.lang).toBe('en')
    setActivePinia(createPinia())
    expect(useLocaleStore().locale).toBe('en')
    expect(useLocaleStore().elementLocale.name).toBe('en')
  })
})

import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import zhCn from 'element-plus/es/locale/lang/zh-cn'
import en from 'element-plus/es/locale/lang/en'
import { i18n, isLocale, type Locale } from '@/i18n'

const STORAGE_KEY = 'hotline.locale'

/** The interface language: zh-CN unless the person chose English; remembered in this browser. */
export const useLocaleStore = defineStore('locale', () => {
  const stored = typeof localStorage === 'undefined' ? null : localStorage.getItem(STORAGE_KEY)
  const locale = ref<Locale>(isLocale(stored) ? stored : 'zh-CN')
  const elementLocale = computed(() => (locale.value === 'en' ? en : zhCn))

  function apply(): void {
    i18n.global.locale.value = locale.value
    if (typeof document !== 'undefined') document.documentElement.lang = locale.value
  }

  function set(next: Locale): void {
    locale.value = next
    localStorage.setItem(STORAGE_KEY, next)
    apply()
  }

  apply()
  return { locale, elementLocale, set }
})

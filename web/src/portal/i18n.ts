import { createI18n } from 'vue-i18n'
import zhCN from './locales/zh-CN.json'
import en from './locales/en.json'

export type PortalMessages = typeof zhCN

/** The portal's own messages (src/portal/locales), zh-CN first; the workbench's large catalogue is not loaded here. */
export const portalI18n = createI18n<[PortalMessages], 'zh-CN' | 'en', false>({
  legacy: false,
  locale: navigator.language.toLowerCase().startsWith('en') ? 'en' : 'zh-CN',
  fallbackLocale: 'zh-CN',
  messages: { 'zh-CN': zhCN, en },
})

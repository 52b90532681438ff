import { createApp, defineComponent } from 'vue'
import { createI18n } from 'vue-i18n'
import zhCN from '@/locales/zh-CN.json'

/** Runs a composable inside a component, as the screens do (for the composables' tests; zh-CN messages). */
export function withSetup<T>(composable: () => T): T {
  let result!: T
  const app = createApp(defineComponent({ setup: () => ((result = composable()), () => null) }))
  app.use(createI18n({ legacy: false, locale: 'zh-CN', messages: { 'zh-CN': zhCN } }))
  app.mount(document.createElement('div'))
  return result
}

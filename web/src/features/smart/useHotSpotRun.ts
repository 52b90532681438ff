import { ref } from 'vue'
import { useI18n } from 'vue-i18n'
import { ElMessage } from 'element-plus'
import 'element-plus/es/components/message/style/css'
import { smartApi, type HotSpotPeriod } from '@/api/smart'

/**
 * Runs the hot-spot analysis now (the hot-spot page and the oversee roles' home): says what it found, then reloads
 * what the caller shows; a refusal goes to the caller's error. The period is the caller's choice (default: the week).
 */
export function useHotSpotRun(reload: () => Promise<unknown>, fail: (e: unknown) => void, period: () => HotSpotPeriod | undefined = () => undefined) {
  const { t } = useI18n()
  const running = ref(false)
  async function run(): Promise<void> {
    running.value = true
    try {
      const r = await smartApi.runHotSpots(period())
      ElMessage.success(t('smart.hotSpots.ran', { orders: r.orders, hotSpots: r.hotSpots, raised: r.warningsRaised, updated: r.warningsUpdated }))
      await reload()
    } catch (e) {
      fail(e)
    } finally {
      running.value = false
    }
  }
  return { running, run }
}

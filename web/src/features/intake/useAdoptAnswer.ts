import { ref, watch } from 'vue'
import { useI18n } from 'vue-i18n'
import { ElMessage, ElMessageBox } from 'element-plus'
import 'element-plus/es/components/message/style/css'
import 'element-plus/es/components/message-box/style/css'
import type { UsedArticle } from '@/api/client'
import type { IntakeDraft, OutcomeDraft } from './draft'

export function useAdoptAnswer(draft: IntakeDraft, outcome: OutcomeDraft, clearAnswerError: () => void) {
  const { t } = useI18n()
  /**
   * "Use this answer" in the knowledge panel (issue 14): the outcome is never changed behind the agent's back. When the
   * outcome is not already a direct answer, the agent confirms the change first (a complaint or report is said to need a
   * unit as a rule); the change then stands in the outcome area, with a way back, until the call is registered.
   */
  const adopted = ref<{ title: string; from: OutcomeDraft['kind'] } | null>(null)
  async function confirmAdopt(title: string): Promise<boolean> {
    if (outcome.kind === 'answerDirectly') return true
    const from = t(`intake.outcomes.${outcome.kind}`)
    const needsUnit = draft.requestType === 'complaint' || draft.requestType === 'report'
    try {
      await ElMessageBox.confirm(
        t(needsUnit ? 'knowledge.adopt.messageNeedsUnit' : 'knowledge.adopt.message', { title, from, type: needsUnit ? t(`enums.requestType.${draft.requestType}`) : '' }),
        t('knowledge.adopt.title'),
        { type: 'warning', confirmButtonText: t('knowledge.adopt.confirm'), cancelButtonText: t('knowledge.adopt.keep', { from }), distinguishCancelAndClose: true, customClass: 'adopt-confirm' },
      )
      return true
    } catch {
      return false
    }
  }

  function useArticle(article: UsedArticle): void {
    if (outcome.kind !== 'answerDirectly') adopted.value = { title: article.title, from: outcome.kind }
    outcome.kind = 'answerDirectly'
    outcome.answer = article.body
    outcome.articleId = article.articleId
    clearAnswerError()
    ElMessage.success(t('knowledge.usedInAnswer', { title: article.title }))
  }

  function undoAdopt(): void {
    if (!adopted.value) return
    outcome.kind = adopted.value.from
    outcome.answer = ''
    outcome.articleId = null
    adopted.value = null
  }
  watch(
    () => outcome.kind,
    (kind) => {
      if (kind !== 'answerDirectly') adopted.value = null
    },
  )

  return { adopted, confirmAdopt, useArticle, undoAdopt }
}

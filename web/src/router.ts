import { createRouter, createWebHistory, type RouteLocationNormalized, type RouteRecordRaw } from 'vue-router'
import type { Component } from 'vue'
import type { Role } from '@/api/client'
import { useSessionStore } from '@/stores/session'
import { NAVIGATION } from '@/navigation'
import { KNOWLEDGE_ROLES } from '@/features/knowledge/roles'
import { KEYWORD_SEPARATOR } from '@/features/notifications/notificationText'
import { ROLES } from '@/roles'

type RouteComponent = () => Promise<{ default: Component }>

declare module 'vue-router' {
  interface RouteMeta {
    /** Open without signing in. */
    public?: boolean
    /** Roles that may open the screen; none = every signed-in person. */
    roles?: readonly Role[]
    titleKey?: string
  }
}

/** A query parameter's text when it is one non-empty string (a repeated or missing one is none). */
const queryText = (value: unknown): string | undefined => (typeof value === 'string' && value.length > 0 ? value : undefined)
const rolesOf = (route: string) => NAVIGATION.find((e) => e.route === route)?.roles
const titleOf = (route: string) => NAVIGATION.find((e) => e.route === route)?.titleKey

/** A menu screen: its path, its route name (as in NAVIGATION, which gives its roles and title), its component. */
function screen(path: string, name: string, component: RouteComponent): RouteRecordRaw {
  return { path, name, component, meta: { roles: rolesOf(name), titleKey: titleOf(name) } }
}

// Every screen is its own chunk, loaded when first opened.
export const router = createRouter({
  history: createWebHistory(),
  routes: [
    // issue 16: the public listing (挂牌督办), open to anyone
    { path: '/public/supervision', name: 'public-supervision', component: () => import('@/views/PublicListingsView.vue'), meta: { public: true, titleKey: 'notices.public.title' } },
    { path: '/login', name: 'login', component: () => import('@/views/LoginView.vue'), meta: { public: true, titleKey: 'auth.signIn' } },
    {
      path: '/',
      component: () => import('@/layouts/ShellLayout.vue'),
      children: [
        { path: '', name: 'home', component: () => import('@/views/HomeView.vue'), meta: { titleKey: 'nav.home' } },
        screen('intake', 'intake', () => import('@/views/intake/IntakeView.vue')),
        screen('intake/sent-back', 'sent-back', () => import('@/views/intake/SentBackView.vue')),
        screen('intake/online', 'online-intake', () => import('@/views/intake/OnlineIntakeView.vue')), // issue 18
        screen('chat-desk', 'chat-desk', () => import('@/views/chat/ChatDeskView.vue')), // issue 18, 在线客服
        screen('intake/interceptions', 'interceptions', () => import('@/views/intake/InterceptionsView.vue')), // issue 18, interception
        screen('intake/mailbox-letters', 'mailbox-letters', () => import('@/views/intake/MailboxLettersView.vue')), // issue 18, 市长信箱公开
        screen('dispatch', 'dispatch', () => import('@/views/dispatch/DispatchView.vue')),
        screen('inbox', 'inbox', () => import('@/views/handling/InboxView.vue')),
        screen('callback', 'callback', () => import('@/views/callback/CallbackView.vue')),
        screen('service-ratings', 'service-ratings', () => import('@/views/callback/ServiceRatingsView.vue')), // issue 18, 好差评
        screen('hard-cases', 'hard-cases', () => import('@/views/cases/HardCasesView.vue')), // issue 15
        screen('arbitration', 'arbitration', () => import('@/views/cases/ArbitrationView.vue')), // issue 15
        screen('work-orders', 'work-orders', () => import('@/views/workOrders/WorkOrdersView.vue')),
        {
          path: 'work-orders/:id(\\d+)',
          name: 'work-order',
          component: () => import('@/views/workOrders/WorkOrderView.vue'),
          props: (route) => ({ id: Number(route.params.id) }),
          meta: { titleKey: 'nav.workOrder' },
        },
        screen('knowledge', 'knowledge', () => import('@/views/knowledge/KnowledgeView.vue')),
        screen('knowledge/manage', 'knowledge-manage', () => import('@/views/knowledge/KnowledgeManageView.vue')),
        {
          path: 'knowledge/articles/new',
          name: 'knowledge-article-new',
          component: () => import('@/views/knowledge/ArticleView.vue'),
          // A reminder to complete the knowledge base for a warned issue opens it with a title and keywords filled in.
          props: (route) => ({ id: null, title: queryText(route.query.title), keywords: queryText(route.query.keywords)?.split(KEYWORD_SEPARATOR).filter(Boolean) }),
          meta: { roles: KNOWLEDGE_ROLES.author, titleKey: 'knowledge.new' },
        },
        {
          path: 'knowledge/articles/:id(\\d+)',
          name: 'knowledge-article',
          component: () => import('@/views/knowledge/ArticleView.vue'),
          props: (route) => ({ id: Number(route.params.id) }),
          meta: { roles: KNOWLEDGE_ROLES.maintain, titleKey: 'knowledge.article' },
        },
        screen('supervision', 'supervision', () => import('@/views/supervision/SupervisionView.vue')),
        screen('supervision/notices', 'notices', () => import('@/views/supervision/NoticeLedgerView.vue')), // issue 16
        {
          // reached from the ledger's button (not a menu entry of its own)
          path: 'supervision/notices/new',
          name: 'notice-open',
          component: () => import('@/views/supervision/OpenNoticeView.vue'),
          meta: { roles: ROLES.superviseNotices, titleKey: 'notices.nav.open' },
        },
        screen('my-notices', 'my-notices', () => import('@/views/supervision/MyNoticesView.vue')),
        screen('assessment/dashboards', 'dashboards', () => import('@/views/assessment/DashboardsView.vue')), // issue 17
        screen('supervision/proposals', 'proposals', () => import('@/views/supervision/ProposalsView.vue')), // issue 16
        screen('supervision/triggers', 'supervision-triggers', () => import('@/views/supervision/TriggersView.vue')),
        screen('supervision/difficult-issues', 'difficult-issues', () => import('@/views/supervision/DifficultIssuesView.vue')),
        screen('supervision/escalation', 'escalation', () => import('@/views/supervision/EscalationView.vue')), // issue 16
        screen('supervision/escalated-to-me', 'escalated-to-me', () => import('@/views/supervision/EscalationView.vue')), // issue 16
        screen('supervision/special-reports', 'special-reports', () => import('@/views/supervision/SpecialReportsView.vue')), // issue 16
        screen('supervision/reminders', 'reminders', () => import('@/views/supervision/RemindersView.vue')),
        screen('wallboard', 'wallboard', () => import('@/views/supervision/WallboardView.vue')),
        screen('assessment/appeals', 'assessment-appeals', () => import('@/views/assessment/AppealsView.vue')), // issue 17
        screen('assessment/rules', 'assessment-rules', () => import('@/views/assessment/RulesView.vue')), // issue 17
        screen('assessment/rankings', 'rankings', () => import('@/views/assessment/RankingsView.vue')), // issue 17
        screen('assessment/analysis-reports', 'analysis-reports', () => import('@/views/assessment/ReportView.vue')), // issue 17, 分析专报
        screen('assessment/agents', 'agent-performance', () => import('@/views/assessment/AgentPerformanceView.vue')), // issue 17
        screen('assessment/sampling', 'sampling', () => import('@/views/assessment/SamplingView.vue')), // issue 17
        screen('assessment/quality', 'quality-inspection', () => import('@/views/assessment/QualityInspectionView.vue')), // S14, 质检
        screen('admin/merged-hotlines', 'merged-hotlines', () => import('@/views/admin/MergedHotlinesView.vue')), // S1, 热线归并
        screen('supervision/corrections', 'corrections', () => import('@/views/supervision/CorrectionsView.vue')), // issue 16
        {
          path: 'supervision/misconduct',
          name: 'misconduct',
          component: () => import('@/views/supervision/MisconductView.vue'),
          meta: { roles: ROLES.readMisconduct, titleKey: 'correction.nav.misconduct' },
        },
        {
          path: 'supervision/circulars',
          name: 'circulars',
          component: () => import('@/views/supervision/CircularsView.vue'),
          meta: { roles: ROLES.readCorrections, titleKey: 'correction.nav.circulars' },
        },
        screen('assessment', 'assessment', () => import('@/views/assessment/AssessmentView.vue')), // issue 17
        screen('smart/hot-spots', 'hot-spots', () => import('@/views/smart/HotSpotsView.vue')),
        screen('smart/early-warnings', 'early-warnings', () => import('@/views/smart/EarlyWarningsView.vue')),
        screen('smart/acceptance', 'routing-acceptance', () => import('@/views/smart/AcceptanceView.vue')),
        screen('smart/models', 'routing-models', () => import('@/views/smart/RoutingModelsView.vue')),
        {
          path: 'admin/units',
          name: 'admin-units',
          component: () => import('@/views/admin/UnitsView.vue'),
          meta: { roles: rolesOf('admin-units'), titleKey: 'nav.units' },
        },
        {
          path: 'admin/users',
          name: 'admin-users',
          component: () => import('@/views/admin/UsersView.vue'),
          meta: { roles: rolesOf('admin-users'), titleKey: 'nav.users' },
        },
        {
          path: 'admin/calendar/:year(\\d{4})?',
          name: 'admin-calendar',
          component: () => import('@/views/admin/CalendarView.vue'),
          meta: { roles: rolesOf('admin-calendar'), titleKey: 'nav.calendar' },
        },
        screen('admin/sign-in-events', 'admin-sign-in-events', () => import('@/views/admin/SignInEventsView.vue')),
        screen('admin/categories', 'admin-categories', () => import('@/views/admin/CategoriesView.vue')),
        screen('admin/catalogue', 'admin-catalogue', () => import('@/views/admin/CatalogueView.vue')),
        screen('admin/deadline-rules', 'admin-deadline-rules', () => import('@/views/admin/DeadlineRulesView.vue')),
        screen('admin/channel-keys', 'admin-channel-keys', () => import('@/views/admin/ChannelKeysView.vue')), // issue 18
        screen('duty-roster', 'duty-roster', () => import('@/views/emergencies/DutyRosterView.vue')),
        screen('emergency-plans', 'emergency-plans', () => import('@/views/emergencies/EmergencyPlansView.vue')),
        { path: 'forbidden', name: 'forbidden', component: () => import('@/views/ForbiddenView.vue') },
        { path: ':pathMatch(.*)*', name: 'not-found', component: () => import('@/views/NotFoundView.vue') },
      ],
    },
  ],
})

export async function guard(to: RouteLocationNormalized) {
  const session = useSessionStore()
  if (!session.loaded) await session.load()
  if (to.meta.public) return to.name === 'login' && session.signedIn ? { name: 'home' } : true
  if (!session.signedIn) return { name: 'login', query: to.fullPath === '/' ? {} : { redirect: to.fullPath } }
  if (!session.hasAnyRole(to.meta.roles)) return { name: 'forbidden' }
  return true
}

router.beforeEach(guard)

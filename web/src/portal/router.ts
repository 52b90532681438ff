import { createRouter, createWebHistory, type RouteRecordRaw } from 'vue-router'
import HomeView from './views/HomeView.vue'

/** The portal's screens under /portal; each screen but the home is its own chunk, loaded when opened. */
export const portalRoutes: RouteRecordRaw[] = [
  { path: '/', name: 'home', component: HomeView, meta: { title: 'portal.home.title' } },
  { path: '/knowledge', name: 'knowledge', component: () => import('./views/KnowledgeView.vue'), meta: { title: 'portal.knowledge.title' } },
  { path: '/knowledge/:id(\\d+)', name: 'article', component: () => import('./views/ArticleView.vue'), meta: { title: 'portal.knowledge.article' } },
  { path: '/verify', name: 'verify', component: () => import('./views/VerifyView.vue'), meta: { title: 'portal.verify.title' } },
  { path: '/submit', name: 'submit', component: () => import('./views/SubmitView.vue'), meta: { title: 'portal.submit.title' } },
  { path: '/track', name: 'track', component: () => import('./views/TrackListView.vue'), meta: { title: 'portal.track.title' } },
  { path: '/track/:number', name: 'track-one', component: () => import('./views/TrackView.vue'), meta: { title: 'portal.track.one' } },
  { path: '/notices', name: 'notices', component: () => import('./views/NoticesView.vue'), meta: { title: 'portal.notices.title' } },
  { path: '/mailbox', name: 'mailbox', component: () => import('./views/MailboxView.vue'), meta: { title: 'portal.mailbox.title' } },
  { path: '/mailbox/letters', name: 'mailbox-letters', component: () => import('./views/LettersView.vue'), meta: { title: 'portal.mailbox.lettersTitle' } },
  { path: '/supervision', name: 'supervision', component: () => import('./views/SupervisionView.vue'), meta: { title: 'portal.supervision.title' } },
  { path: '/chat', name: 'chat', component: () => import('./views/ChatView.vue'), meta: { title: 'portal.chat.title' } },
  { path: '/:pathMatch(.*)*', name: 'not-found', component: () => import('./views/NotFoundView.vue'), meta: { title: 'portal.notFound.title' } },
]

export const portalRouter = createRouter({
  history: createWebHistory('/portal/'),
  routes: portalRoutes,
  scrollBehavior: () => ({ top: 0 }),
})

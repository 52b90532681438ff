import { createRouter, createWebHistory, type RouteLocationNormalized } from 'vue-router'
import type { Role } from '@/api/client'
import { useSessionStore } from '@/stores/session'
import { NAVIGATION } from '@/navigation'

declare module 'vue-router' {
  interface RouteMeta {
    /** Open without signing in. */
    public?: boolean
    /** Roles that may open the screen; none = every signed-in person. */
    roles?: readonly Role[]
    titleKey?: string
  }
}

const rolesOf = (route: string) => NAVIGATION.find((e) => e.route === route)?.roles

// Every screen is its own chunk, loaded when first opened.
export const router = createRouter({
  history: createWebHistory(),
  routes: [
    { path: '/login', name: 'login', component: () => import('@/views/LoginView.vue'), meta: { public: true, titleKey: 'auth.signIn' } },
    {
      path: '/',
      component: () => import('@/layouts/ShellLayout.vue'),
      children: [
        { path: '', name: 'home', component: () => import('@/views/HomeView.vue'), meta: { titleKey: 'nav.home' } },
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

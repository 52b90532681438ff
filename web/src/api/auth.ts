import { call, http, type Me } from './client'

export const authApi = {
  login: (userName: string, password: string) => call<Me>(http.POST('/api/auth/login', { body: { userName, password } })),
  logout: () => call(http.POST('/api/auth/logout')),
  me: () => call<Me>(http.GET('/api/auth/me')),
  changePassword: (currentPassword: string, newPassword: string) =>
    call(http.POST('/api/auth/change-password', { body: { currentPassword, newPassword } })),
}

import { describe, expect, it } from 'vitest'
import type { Role } from '@/api/client'
import { ALL_ROLES, menuFor } from './navigation'

const menu = (...roles: Role[]) => menuFor(new Set(roles)).map((e) => e.route)

describe('menuFor', () => {
  it('gives an administrator the administration screens', () => {
    expect(menu('administrator')).toEqual(['home', 'admin-units', 'admin-users', 'admin-calendar'])
  })

  it('gives other roles only the screens they may open', () => {
    expect(menu('intakeAgent')).toEqual(['home'])
    expect(menu('unitHandler', 'unitLiaison')).toEqual(['home'])
  })

  it('lists the thirteen roles of SPEC S1 once each', () => {
    expect(new Set(ALL_ROLES).size).toBe(13)
  })
})

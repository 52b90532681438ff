import { beforeEach, describe, expect, it, vi } from 'vitest'
import { createPinia, setActivePinia } from 'pinia'
import type { Unit } from '@/api/client'
import { unitsApi } from '@/api/organisation'
import { useUnitsStore } from './units'

const unit = (id: number, path: string, parentId: number | null, isActive = true): Unit => ({
  id,
  code: path.split('/').filter(Boolean).pop()!,
  name: `unit ${id}`,
  kind: 'department',
  parentId,
  path,
  depth: path.split('/').filter(Boolean).length - 1,
  regionCode: null,
  isActive,
  liaisons: [],
  version: 1,
})

describe('units store', () => {
  beforeEach(() => {
    setActivePinia(createPinia())
    vi.restoreAllMocks()
  })

  it('loads the list once for every picker that asks', async () => {
    const list = vi.spyOn(unitsApi, 'list').mockResolvedValue([unit(1, '/AL/', null)])
    const store = useUnitsStore()

    await Promise.all([store.ensure(), store.ensure()])
    await store.ensure()

    expect(list).toHaveBeenCalledOnce()
    expect(store.byId.get(1)?.code).toBe('AL')
  })

  it('tries again after a failed load', async () => {
    const list = vi.spyOn(unitsApi, 'list').mockRejectedValueOnce(new Error('offline')).mockResolvedValue([])
    const store = useUnitsStore()

    await expect(store.ensure()).rejects.toThrow('offline')
    await store.ensure()

    expect(list).toHaveBeenCalledTimes(2)
  })

  it('puts a saved unit in path order, and offers only active units to pickers', () => {
    const store = useUnitsStore()
    store.units = [unit(1, '/AL/', null), unit(3, '/AL/AL-XC/', 1)]

    store.put(unit(2, '/AL/AL-DC/', 1, false))
    store.put({ ...unit(3, '/AL/AL-XC/', 1), name: 'renamed' })

    expect(store.units.map((u) => u.id)).toEqual([1, 2, 3])
    expect(store.byId.get(3)?.name).toBe('renamed')
    expect(store.activeTree[0]!.children.map((n) => n.id)).toEqual([3])
  })
})

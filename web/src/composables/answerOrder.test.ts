import { describe, expect, it } from 'vitest'
import { inSendingOrder, isOlderVersion } from './answerOrder'

/** A request whose answer the test gives when it chooses. */
function deferred<T>() {
  let answer!: (value: T) => void
  const promise = new Promise<T>((resolve) => (answer = resolve))
  return { promise, answer }
}

describe('inSendingOrder', () => {
  it('drops a reload sent before an action and answered after it', async () => {
    const shown: string[] = []
    const send = inSendingOrder<string>((value) => shown.push(value))
    const reload = deferred<string>()
    const action = deferred<string>()

    const reloading = send(() => reload.promise)
    const acting = send(() => action.promise)
    action.answer('after the action')
    await acting
    reload.answer('before the action')
    await reloading

    expect(shown).toEqual(['after the action'])
  })

  it('shows every answer that arrives in the order its request was sent', async () => {
    const shown: string[] = []
    const send = inSendingOrder<string>((value) => shown.push(value))
    const first = deferred<string>()
    const second = deferred<string>()

    const one = send(() => first.promise)
    const two = send(() => second.promise)
    first.answer('first')
    await one
    second.answer('second')
    await two

    expect(shown).toEqual(['first', 'second'])
  })

  it('passes a failure to the caller and shows nothing for it', async () => {
    const shown: string[] = []
    const send = inSendingOrder<string>((value) => shown.push(value))

    await expect(send(() => Promise.reject(new Error('offline')))).rejects.toThrow('offline')
    await send(() => Promise.resolve('back'))

    expect(shown).toEqual(['back'])
  })
})

describe('isOlderVersion', () => {
  it('is true only for the same record at a lower version', () => {
    expect(isOlderVersion({ id: 7, version: 3 }, { id: 7, version: 2 })).toBe(true)
    expect(isOlderVersion({ id: 7, version: 3 }, { id: 7, version: 3 })).toBe(false)
    expect(isOlderVersion({ id: 7, version: 3 }, { id: 7, version: 4 })).toBe(false)
    expect(isOlderVersion({ id: 7, version: 3 }, { id: 8, version: 1 })).toBe(false)
    expect(isOlderVersion(null, { id: 7, version: 1 })).toBe(false)
  })
})

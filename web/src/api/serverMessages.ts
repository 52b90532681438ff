/**
 * The server writes field messages in English. The workbench shows them in the reader's language: each known
 * message is matched here and replaced by a locale key (errors.server.*), with numbers and dates carried over.
 * A message not listed is shown as the server wrote it, so a new server rule is never hidden.
 */
const PATTERNS: ReadonlyArray<readonly [RegExp, string]> = [
  [/^This field is required\.$/, 'required'],
  [/^At most (?<n>\d+) characters\.$/, 'maxLength'],
  [/^Use 2–64 letters, digits, dots, hyphens or underscores\.$/, 'userNameFormat'],
  [/^Give the user's unit\.$/, 'giveUnit'],
  [/^Give the user's roles\.$/, 'giveRoles'],
  [/^No such unit\.$/, 'noSuchUnit'],
  [/^A password has 10–128 characters\.$/, 'passwordLength'],
  [/^A password mixes at least three of/, 'passwordKinds'],
  [/^The current password is not correct\.$/, 'currentPasswordWrong'],
  [/^Give the version you edited/, 'giveVersion'],
  [/^Use 1–32 letters, digits or hyphens\.$/, 'unitCodeFormat'],
  [/^Give a name of 1–(?<n>\d+) characters\.$/, 'unitName'],
  [/^A region code is 6 or 9 or 12 digits\.$/, 'regionCode'],
  [/^Every unit except a city needs a parent unit\.$/, 'needsParent'],
  [/^The parent unit is inactive\.$/, 'parentInactive'],
  [/^A city is the root of its tree and has no parent\.$/, 'cityHasNoParent'],
  [/^Give the kind of unit\.$/, 'giveKind'],
  [/^Give the liaison's name/, 'liaisonName'],
  [/^Give the liaison's phone/, 'liaisonPhone'],
  [/^Give a display name of 1–50 characters\.$/, 'displayName'],
  [/^Give the user at least one role\.$/, 'atLeastOneRole'],
  [/^Hotline-centre roles belong to users of the hotline centre\.$/, 'centreRoles'],
  [/^Unit roles belong to users of a handling unit/, 'unitRoles'],
  [/^The unit is inactive\.$/, 'unitInactive'],
  [/^Give a year from 2000 to 2100\.$/, 'yearRange'],
  [/^The date is not in (?<year>\d{4})\.$/, 'dateNotInYear'],
  [/^Use holiday or workday\.$/, 'dayKind'],
  [/^A make-up working day falls on a Saturday or Sunday\.$/, 'workdayOnWeekend'],
  [/^(?<date>\d{4}-\d{2}-\d{2}) is listed more than once\.$/, 'listedTwice'],
  [/^List the holidays and make-up working days/, 'listDays'],
  [/^The value is not valid here\.$/, 'invalidValue'],
]

export type Translate = (key: string, params?: Record<string, unknown>) => string

export function translateServerMessage(message: string, t: Translate): string {
  for (const [pattern, key] of PATTERNS) {
    const match = pattern.exec(message)
    if (match) return t(`errors.server.${key}`, { ...match.groups })
  }
  return message
}

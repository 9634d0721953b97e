/**
 * Kubernetes resource quantities ("4", "3500m", "8Gi"), checked as apimachinery's
 * resource.ParseQuantity checks them, with its error texts.
 */

export const quantityFormatError =
  "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'"
export const quantitySuffixError = "unable to parse quantity's suffix"

const suffixLetters = 'eEinumkKMGTP'
const binarySuffixes = new Set(['Ki', 'Mi', 'Gi', 'Ti', 'Pi', 'Ei'])
const decimalSuffixes = new Set(['n', 'u', 'm', '', 'k', 'M', 'G', 'T', 'P', 'E'])
const isDigit = (c: string | undefined): boolean => c !== undefined && c >= '0' && c <= '9'

/** Splits like apimachinery's parseQuantityString: sign, number, suffix. */
function split(text: string): { negative: boolean; digits: number; suffix: string } | null {
  let pos = 0
  const negative = text[0] === '-'
  if (text[0] === '-' || text[0] === '+') pos++
  let digits = 0
  const skipDigits = (): void => {
    while (isDigit(text[pos])) {
      pos++
      digits++
    }
  }
  skipDigits()
  if (text[pos] === '.') {
    pos++
    skipDigits()
  }
  const suffixStart = pos
  while (pos < text.length && suffixLetters.includes(text[pos]!)) pos++
  if (text[pos] === '-' || text[pos] === '+') pos++
  while (isDigit(text[pos])) pos++
  if (pos < text.length || digits === 0) return null
  return { negative, digits, suffix: text.slice(suffixStart) }
}

function knownSuffix(suffix: string): boolean {
  if (binarySuffixes.has(suffix) || decimalSuffixes.has(suffix)) return true
  // An exponent: 1e3, 5E-2.
  return /^[eE][-+]?\d+$/.test(suffix)
}

/** Why `text` is not a Kubernetes quantity, or null when it is one. */
export function quantityError(text: string): string | null {
  if (text === '0') return null
  const parts = split(text)
  if (!parts) return quantityFormatError
  if (!knownSuffix(parts.suffix)) return quantitySuffixError
  return null
}

/** True for quantities with a leading minus sign (checked after quantityError). */
export function isNegativeQuantity(text: string): boolean {
  const number = /^-([0-9.]*)/.exec(text)?.[1]
  return number !== undefined && /[1-9]/.test(number)
}

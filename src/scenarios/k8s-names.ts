/**
 * Name and label syntax with apimachinery's validation texts (k8s.io/apimachinery/pkg/util/validation),
 * so a scenario author reads the same words the API server would answer.
 */

const subdomainPattern = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/
const qualifiedNamePattern = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/
const labelValuePattern = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/

const subdomainMessage =
  "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')"
const qualifiedNameMessage =
  "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')"
const labelValueMessage =
  "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')"

/** IsDNS1123Subdomain: Node names. */
export function subdomainError(name: string): string | null {
  if (name.length > 253) return 'must be no more than 253 characters'
  return subdomainPattern.test(name) ? null : subdomainMessage
}

/** IsQualifiedName: label and taint keys, `[prefix/]name`. */
export function qualifiedNameError(key: string): string | null {
  const parts = key.split('/')
  if (parts.length > 2) {
    return `a qualified name must consist of a name part and an optional prefix separated by '/'`
  }
  const name = parts.length === 2 ? parts[1]! : parts[0]!
  if (parts.length === 2) {
    if (parts[0] === '') return 'prefix part must be non-empty'
    const prefix = subdomainError(parts[0]!)
    if (prefix) return `prefix part ${prefix}`
  }
  if (name === '') return 'name part must be non-empty'
  if (name.length > 63) return 'name part must be no more than 63 characters'
  return qualifiedNamePattern.test(name) ? null : qualifiedNameMessage
}

/** IsValidLabelValue: label and taint values. */
export function labelValueError(value: string): string | null {
  if (value.length > 63) return 'must be no more than 63 characters'
  return labelValuePattern.test(value) ? null : labelValueMessage
}

/** One valibot issue as one line: `cluster.nodes[1].memory: "8GB" is not a Kubernetes quantity (…)`. */
import type * as v from 'valibot'

const identifier = /^[A-Za-z_$][\w$]*$/

export function issuePath(issue: v.BaseIssue<unknown>): string {
  let out = ''
  for (const item of issue.path ?? []) {
    const key = item.key
    if (typeof key === 'number') out += `[${key}]`
    else if (typeof key === 'string' && identifier.test(key)) out += out === '' ? key : `.${key}`
    else out += `[${JSON.stringify(String(key))}]`
  }
  return out
}

export function issueText(issue: v.BaseIssue<unknown>): string {
  const path = issuePath(issue)
  const message = issue.message.replace(/\s*\n\s*/g, ' ')
  return path === '' ? `the scenario ${message}` : `${path}: ${message}`
}
